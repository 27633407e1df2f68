using System.Text.RegularExpressions;
using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Training;

/// <summary>Keras's <c>verbose</c> values: "auto", 0, 1, 2.</summary>
public sealed class VerbosityTests
{
    [Fact]
    public void Conversions_FollowKeras()
    {
        Assert.True(default(Verbosity).IsAuto);
        Assert.Equal(1, Verbosity.Auto.Level);
        Assert.Equal(Verbosity.Auto, (Verbosity)"auto");
        Assert.Equal(2, ((Verbosity)2).Level);
        Assert.Equal(0, ((Verbosity)"0").Level);
        Assert.Equal("auto", Verbosity.Auto.ToString());
        Assert.Equal("2", ((Verbosity)2).ToString());
        Assert.NotEqual((Verbosity)1, Verbosity.Auto);
    }

    [Fact]
    public void BadValues_ThrowNamingVerbose()
    {
        var level = Assert.Throws<ArgumentOutOfRangeException>(() => (Verbosity)3);
        Assert.Equal("verbose", level.ParamName);
        var text = Assert.Throws<ArgumentException>(() => (Verbosity)"loud");
        Assert.Equal("verbose", text.ParamName);
        Assert.StartsWith("Expected `verbose` to be \"auto\", 0 (silent), 1 (progress bar) or 2 (one line per epoch). Received: verbose=loud", text.Message);
    }

    private static string PredictOutput(Verbosity verbose)
    {
        var model = new Sequential(Keras.Input(shape: 2), new Dense(1));
        using var writer = new StringWriter();
        model.Predict(ones(40, 2), verbose: verbose, callbacks: [new ProgbarLogger(writer, dynamicDisplay: false)]);
        return writer.ToString();
    }

    [Fact]
    public void Predict_Auto_PrintsKerasBar()
    {
        // 40 samples in batches of 32: "2/2 ━━━━━━━━━━━━━━━━━━━━ 0s 1ms/step", as Keras's predict prints.
        var auto = PredictOutput("auto");
        Assert.Matches(new Regex(@"^2/2 ━{20} \d+s \d+(\.\d+)?[mu]?s/step\n$"), auto);
        Assert.Matches(new Regex(@"^2/2 ━{20} \d+s \d+(\.\d+)?[mu]?s/step\n$"), PredictOutput(default));
        Assert.Matches(new Regex(@"^2/2 - \d+s - \d+(\.\d+)?[mu]?s/step\n$"), PredictOutput(2));
        Assert.Equal("", PredictOutput(0));
    }
}
