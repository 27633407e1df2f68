using DeepKeras.Callbacks;
using DeepKeras.Interactive;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Plotting;
using DeepKeras.Training;
using Microsoft.DotNet.Interactive.Formatting;

namespace DeepKeras.Tests.Interactive;

public class DeepKerasFormattersTests
{
    private static History History(params (double Loss, double ValLoss)[] epochs)
    {
        var history = new History();
        for (var e = 0; e < epochs.Length; e++)
        {
            history.OnEpochEnd(e, new Logs(new Dictionary<string, double> { ["val_loss"] = epochs[e].ValLoss, ["loss"] = epochs[e].Loss, ["mae"] = 0.5 }));
        }

        return history;
    }

    [Fact]
    public void Model_DisplaysAsHtmlSummaryTable_WithTextAlternative()
    {
        DeepKerasFormatters.Register();
        Keras.Backend.ClearSession();
        var model = new Sequential(new Dense(32, inputShape: 784), new Dense(10), new Dense(20));

        var html = model.ToDisplayString(HtmlFormatter.MimeType);
        var text = model.ToDisplayString(PlainTextFormatter.MimeType);

        Assert.StartsWith("<div class=\"deepkeras-summary\">", html);
        Assert.Contains(">Model: \"sequential\"</caption>", html);
        Assert.Contains(">dense_1 (Dense)</td>", html);
        Assert.Contains(">(None, 32)</td>", html);
        Assert.Contains("text-align: right; border-bottom: 1px solid #ccc; padding: 2px 10px; white-space: pre;\">25,120</td>", html);
        Assert.Contains("<b>Total params:</b></td><td style=\"text-align: right; padding: 0 10px;\">25,670</td><td style=\"text-align: left;\">(100.27 KB)</td>", html);
        Assert.Equal(model.ToSummaryString(), text);
        Assert.Equal([HtmlFormatter.MimeType, PlainTextFormatter.MimeType], Formatter.GetPreferredMimeTypesFor(typeof(Sequential)).ToArray());
    }

    [Fact]
    public void History_DisplaysAsEpochByMetricTable()
    {
        DeepKerasFormatters.Register();
        var history = History((0.9, 1.0), (0.51234, 0.6));

        var text = history.ToDisplayString(PlainTextFormatter.MimeType);
        var html = history.ToDisplayString(HtmlFormatter.MimeType);

        // loss first, then the other training metrics, then val_ metrics; epochs counted from 1; 4 decimals.
        Assert.Equal(
            "epoch    loss     mae  val_loss\n" +
            "    1  0.9000  0.5000    1.0000\n" +
            "    2  0.5123  0.5000    0.6000\n", text);
        Assert.Contains(">epoch</th>", html);
        Assert.True(html.IndexOf(">loss</th>", StringComparison.Ordinal) < html.IndexOf(">val_loss</th>", StringComparison.Ordinal));
        Assert.Contains(">0.5123</td>", html);
    }

    [Fact]
    public void History_ValidationEveryOtherEpoch_LeavesGaps()
    {
        var history = new History();
        for (var e = 0; e < 4; e++)
        {
            var logs = new Dictionary<string, double> { ["loss"] = e };
            if (e % 2 == 1)
            {
                logs["val_loss"] = 10 + e;
            }

            history.OnEpochEnd(e, new Logs(logs));
        }

        // validationFreq = 2: validation ran after epochs 2 and 4.
        Assert.Equal(
            "epoch    loss  val_loss\n" +
            "    1  0.0000          \n" +
            "    2  1.0000   11.0000\n" +
            "    3  2.0000          \n" +
            "    4  3.0000   13.0000\n", HtmlTables.HistoryText(history));
    }

    [Fact]
    public void PlotImage_DisplaysAsBase64Png()
    {
        DeepKerasFormatters.Register();
        var image = Plots.TrainingCurves(History((0.9, 1.0), (0.5, 0.6)), ["loss"]);

        Assert.Equal(image.ToBase64(), image.ToDisplayString(DeepKerasFormatters.PngMimeType));
        Assert.Equal([DeepKerasFormatters.PngMimeType, PlainTextFormatter.MimeType], Formatter.GetPreferredMimeTypesFor(typeof(PlotImage)).ToArray());
        Assert.Matches(@"^PlotImage 480×360 PNG \([\d,]+ bytes\)$", image.ToDisplayString(PlainTextFormatter.MimeType));
    }

    [Fact]
    public void Register_MakesProgressBarsOneCleanLinePerEpoch()
    {
        var before = Progbar.DefaultDynamicDisplay;
        var console = Console.Out;
        try
        {
            DeepKerasFormatters.Register();
            Assert.False(Progbar.DefaultDynamicDisplay);
            using var writer = new StringWriter();
            Console.SetOut(writer);
            var bar = new Progbar(3, interval: 0);
            for (var step = 1; step <= 3; step++)
            {
                bar.Update(step, [new("loss", 0.5)]);
            }

            var printed = writer.ToString();
            Assert.DoesNotContain('\r', printed);
            Assert.DoesNotContain('\b', printed);
            Assert.DoesNotContain('\u001b', printed);
            Assert.Single(printed.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("3/3 ━━━━━━━━━━━━━━━━━━━━", printed);
        }
        finally
        {
            Console.SetOut(console);
            Progbar.DefaultDynamicDisplay = before;
        }
    }

    [Fact]
    public void DefaultDynamicDisplayTrue_RedrawsInPlace()
    {
        var before = Progbar.DefaultDynamicDisplay;
        var console = Console.Out;
        try
        {
            Progbar.DefaultDynamicDisplay = true;
            using var writer = new StringWriter();
            Console.SetOut(writer);
            var bar = new Progbar(2, interval: 0);
            bar.Update(1);
            bar.Update(2);
            Assert.Contains('\r', writer.ToString());
        }
        finally
        {
            Console.SetOut(console);
            Progbar.DefaultDynamicDisplay = before;
        }
    }
}
