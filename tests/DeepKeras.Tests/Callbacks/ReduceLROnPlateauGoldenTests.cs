using System.Text.RegularExpressions;
using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using static DeepKeras.Tests.Callbacks.CallbackTestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Callbacks;

/// <summary>
/// ReduceLROnPlateau's <c>learning_rate</c> log entry against Keras (scripts/keras-golden/gen_names_reduce_lr.py): read
/// as float32, printed last (after <c>val_*</c>) as <c>0.0010</c>, recorded last in History; the reduction messages.
/// </summary>
public sealed partial class ReduceLROnPlateauGoldenTests
{
    private static readonly KerasGolden G = KerasGolden.Case("names_reduce_lr");

    [GeneratedRegex(@" - \d+s - \d+[mu]?s/step")]
    private static partial Regex TimingField();

    [Fact]
    public void PrintedLogsAndHistory_AsKeras()
    {
        var expected = G.Json("results");
        var x = zeros(32, 2);
        var y = zeros(32, 1);
        var histories = new Dictionary<string, History>();
        var printed = CaptureConsole(() =>
        {
            foreach (var (name, lr, epochs) in new[] { ("plateau", 0.2, 4), ("validation", 0.001, 2) })
            {
                var model = new Sequential(Keras.Input(shape: 2), new Dense(1, useBias: false));
                model.Compile(optimizer: new SGD(lr), loss: "mse", metrics: ["mae"]);
                (ArrayLike X, ArrayLike Y)? validation = null;
                if (name == "validation")
                {
                    validation = (x, y);
                }

                histories[name] = model.Fit(x, y, epochs: epochs, verbose: 2, validationData: validation,
                    callbacks: [new ReduceLROnPlateau(monitor: "loss", factor: 0.5, patience: 1, verbose: 1)]);
            }
        });

        Assert.Equal(G.Text("printed"), TimingField().Replace(printed.Replace("\r\n", "\n"), ""));
        foreach (var (name, history) in histories)
        {
            Assert.Equal(expected[name]!["history_keys"]!.AsArray().Select(k => (string)k!), history.HistoryData.Keys);
            Assert.Equal(expected[name]!["learning_rate"]!.AsArray().Select(v => (double)v!), history["learning_rate"]);
        }
    }
}
