using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Plotting;
using DeepKeras.Tests.TestUtil;

namespace DeepKeras.Tests.Plotting;

public class TrainingCurvesTests
{
    private static History MakeHistory(int epochs, bool withValidation = true, bool withAccuracy = true)
    {
        var history = new History();
        history.OnTrainBegin(new Logs());
        for (var e = 0; e < epochs; e++)
        {
            var logs = new Dictionary<string, double> { ["loss"] = 1.0 / (e + 1) };
            if (withAccuracy)
            {
                logs["accuracy"] = 0.5 + (0.04 * e);
            }

            if (withValidation)
            {
                logs["val_loss"] = 1.2 / (e + 1);
                if (withAccuracy)
                {
                    logs["val_accuracy"] = 0.45 + (0.035 * e);
                }
            }

            history.OnEpochEnd(e, new Logs(logs));
        }

        return history;
    }

    [Fact]
    public void DefaultMetrics_OnePanelPerTrainingMetric()
    {
        using var dir = new TempDir();
        var path = dir.File("curves.png");
        Plots.TrainingCurves(MakeHistory(10), path);
        // loss and accuracy (val_* go into the same panels): two 480×360 panels side by side.
        PngAssert.HasSize(path, 2 * 480, 360);
        PngAssert.HasContent(path);
    }

    [Fact]
    public void ExplicitMetric_OnePanel_AndWithoutValidation()
    {
        using var dir = new TempDir();
        var path = dir.File("loss.png");
        Plots.TrainingCurves(MakeHistory(5, withValidation: false), path, "loss");
        PngAssert.HasSize(path, 480, 360);
        PngAssert.HasContent(path);
    }

    [Fact]
    public void FourMetrics_WrapToThreeColumns()
    {
        var history = MakeHistory(4);
        for (var e = 0; e < 4; e++)
        {
            history.HistoryData.TryAdd("mae", []);
            history.HistoryData.TryAdd("mse", []);
            history.HistoryData["mae"].Add(0.1 * e);
            history.HistoryData["mse"].Add(0.01 * e);
        }

        using var dir = new TempDir();
        var path = dir.File("four.png");
        Plots.TrainingCurves(history, path);
        PngAssert.HasSize(path, 3 * 480, 2 * 360);
    }

    [Fact]
    public void HistoryFromFit_IsPlotted()
    {
        var (x, y) = TestData.Blobs(n: 120, features: 4, classes: 3);
        var model = new Sequential(new Dense(8, activation: "relu", inputShape: 4), new Dense(3, activation: "softmax"));
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var history = model.Fit(x, y, epochs: 3, batchSize: 32, verbose: 0, validationSplit: 0.25);
        Assert.Equal([0, 1, 2], history.Epoch);

        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "nested", "deeper", "fit.png");
        Plots.TrainingCurves(history, path);
        PngAssert.HasSize(path, 2 * 480, 360);
        PngAssert.HasContent(path);
    }

    [Fact]
    public void WritesAtomically_OverwritesAndLeavesNoTemporaryFile()
    {
        using var dir = new TempDir();
        var path = dir.File("curves.png");
        File.WriteAllText(path, "old content");
        Plots.TrainingCurves(MakeHistory(3), path, "loss");
        PngAssert.HasSize(path, 480, 360);
        Assert.Equal(["curves.png"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void EmptyHistory_Throws()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<ArgumentException>(() => Plots.TrainingCurves(new History(), dir.File("x.png")));
        Assert.Contains("history is empty", ex.Message);
        Assert.Equal("history", ex.ParamName);
        Assert.False(File.Exists(dir.File("x.png")));
    }

    [Fact]
    public void UnknownMetric_ThrowsListingRecorded()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<ArgumentException>(() => Plots.TrainingCurves(MakeHistory(2), dir.File("x.png"), "auc"));
        Assert.Contains("no metric 'auc'", ex.Message);
        Assert.Contains("Recorded: accuracy, loss, val_accuracy, val_loss", ex.Message);
    }

    [Fact]
    public void DivergedEpoch_LeavesAGap_AndKeepsTheAxisRange()
    {
        var history = new History();
        history.OnEpochEnd(0, new Logs(new Dictionary<string, double> { ["loss"] = 1.0, ["val_loss"] = 1.1 }));
        history.OnEpochEnd(1, new Logs(new Dictionary<string, double> { ["loss"] = double.NaN, ["val_loss"] = double.PositiveInfinity }));
        history.OnEpochEnd(2, new Logs(new Dictionary<string, double> { ["loss"] = 0.5, ["val_loss"] = 0.7 }));
        using var dir = new TempDir();
        var path = dir.File("nan.png");
        Plots.TrainingCurves(history, path);
        PngAssert.HasSize(path, 480, 360);
        PngAssert.HasContent(path);
    }

    [Fact]
    public void ValidationMetricName_IsRejectedWithAHint()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<ArgumentException>(() => Plots.TrainingCurves(MakeHistory(2), dir.File("x.png"), "val_loss"));
        Assert.Contains("'loss' draws 'val_loss' in the same panel", ex.Message);
    }

    [Fact]
    public void EmptyPath_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Plots.TrainingCurves(MakeHistory(2), " "));
        Assert.Equal("path", ex.ParamName);
    }
}
