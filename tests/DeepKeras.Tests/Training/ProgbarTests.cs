using System.Text.RegularExpressions;
using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;

namespace DeepKeras.Tests.Training;

public class ProgbarTests
{
    private static readonly KeyValuePair<string, double>[] Values =
        [new("accuracy", 0.76684), new("loss", 0.76441), new("val_accuracy", 0.98031), new("val_loss", 0.08149)];

    private static Func<double> Clock(params double[] times)
    {
        var i = 0;
        return () => times[Math.Min(i++, times.Length - 1)];
    }

    [Fact]
    public void Verbose1_Redirected_WritesOneCleanFinalLine()
    {
        var sw = new StringWriter();
        // start 0; step 1 at 1.0 s; step 422 at 7.0 s → per-step time excludes the first step: 6/421 s = 14 ms.
        var bar = new Progbar(422, verbose: 1, output: sw, dynamicDisplay: false, clock: Clock(0, 1.0, 3.0, 7.0));
        bar.Update(1, Values);
        bar.Update(200, Values);
        bar.Update(422, Values);
        Assert.Equal(
            "422/422 ━━━━━━━━━━━━━━━━━━━━ 7s 14ms/step - accuracy: 0.7668 - loss: 0.7644 - val_accuracy: 0.9803 - val_loss: 0.0815\n",
            sw.ToString());
        Assert.DoesNotMatch("[\\x00-\\x09\\x0b-\\x1f]", sw.ToString());
    }

    [Fact]
    public void Verbose2_WritesCountElapsedAndStepTime()
    {
        var sw = new StringWriter();
        var bar = new Progbar(422, verbose: 2, output: sw, clock: Clock(0, 0.5, 3.1));
        bar.Update(1, Values);
        bar.Update(422, Values);
        Assert.Equal("422/422 - 3s - 6ms/step - accuracy: 0.7668 - loss: 0.7644 - val_accuracy: 0.9803 - val_loss: 0.0815\n", sw.ToString());
    }

    [Fact]
    public void Verbose1_Terminal_RedrawsInPlaceWithKerasColours()
    {
        var sw = new StringWriter();
        var bar = new Progbar(4, verbose: 1, output: sw, dynamicDisplay: true, interval: 0, clock: Clock(0, 1, 2, 3, 4));
        bar.Update(1, [new("loss", 0.5)]);
        bar.Update(4, [new("loss", 0.25)]);
        var text = sw.ToString();
        Assert.StartsWith("\r\x1b[1m1/4\x1b[0m \x1b[32m━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━━\x1b[0m \x1b[1m3s\x1b[0m 1s/step - loss: 0.5000", text);
        // The redraw erases the previous 40 visible characters ("1/4 " + 20 bar + " 3s 1s/step - loss: 0.5000").
        var visibleFirst = "1/4 ".Length + 20 + " 3s 1s/step - loss: 0.5000".Length;
        Assert.Contains(new string('\b', visibleFirst) + "\r\x1b[1m4/4\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m2s\x1b[0m 333ms/step - loss: 0.2500\n", text);
    }

    [Theory]
    [InlineData(0.7644, "0.7644")]
    [InlineData(0.0, "0.0000e+00")]
    [InlineData(0.00012345, "1.2345e-04")]
    [InlineData(-0.5, "-0.5000")]
    public void FormatValue_FollowsKerasRule(double v, string expected) => Assert.Equal(expected, Progbar.FormatValue(v));

    [Theory]
    [InlineData(0.0093, " 9ms/step")]
    [InlineData(2.4, " 2s/step")]
    [InlineData(0.00085, " 850us/step")]
    public void FormatTime_UsesSecondsMillisecondsOrMicroseconds(double t, string expected) =>
        Assert.Equal(expected, new Progbar(1, output: TextWriter.Null).FormatTime(t));

    [Fact]
    public void Fit_Verbose1Redirected_PrintsEpochLineAndOneBarLinePerEpoch()
    {
        var (x, y) = TestData.Blobs(n: 100);
        var model = new Sequential(new Dense(3, activation: "softmax", inputShape: 8));
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var sw = new StringWriter();
        model.Fit(x, y, epochs: 2, batchSize: 32, validationSplit: 0.2, verbose: 1, callbacks: [new ProgbarLogger(sw)]);
        var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("Epoch 1/2", lines[0]);
        Assert.Equal("Epoch 2/2", lines[2]);
        var bar = new Regex(@"^3/3 ━{20} \d+s \d+(s|ms|us)/step - accuracy: \d\.\d{4} - loss: \d\.\d{4} - val_accuracy: \d\.\d{4} - val_loss: \d\.\d{4}$");
        Assert.Matches(bar, lines[1]);
        Assert.Matches(bar, lines[3]);
    }

    [Fact]
    public void Fit_Verbose2_PrintsOneLinePerEpoch()
    {
        var (x, y) = TestData.Blobs(n: 64);
        var model = new Sequential(new Dense(3, activation: "softmax", inputShape: 8));
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy");
        var sw = new StringWriter();
        model.Fit(x, y, epochs: 1, batchSize: 32, verbose: 2, callbacks: [new ProgbarLogger(sw)]);
        Assert.Matches(new Regex(@"^2/2 - \d+s - \d+(s|ms|us)/step - loss: \d\.\d{4}\n$"), sw.ToString());
    }

    [Fact]
    public void Fit_Verbose0_PrintsNothing()
    {
        var (x, y) = TestData.Blobs(n: 64);
        var model = new Sequential(new Dense(3, activation: "softmax", inputShape: 8));
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy");
        var sw = new StringWriter();
        var original = Console.Out;
        Console.SetOut(sw);
        try
        {
            model.Fit(x, y, epochs: 2, verbose: 0);
            model.Evaluate(x, y, verbose: 0);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal("", sw.ToString());
    }
}
