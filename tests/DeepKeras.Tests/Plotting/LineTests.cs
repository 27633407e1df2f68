using DeepKeras.Plotting;
using NumSharp;

namespace DeepKeras.Tests.Plotting;

public class LineTests
{
    [Fact]
    public void PredictionVsTruth_FromLists()
    {
        var x = Enumerable.Range(0, 200).Select(i => (double)i).ToArray();
        var truth = x.Select(t => Math.Sin(t / 10)).ToArray();
        var prediction = x.Select(t => Math.Sin((t - 2) / 10) * 0.9).ToArray();
        using var dir = new TempDir();
        var path = dir.File("series.png");
        Plots.Line(x, new Dictionary<string, IReadOnlyList<double>> { ["truth"] = truth, ["prediction"] = prediction }, path,
            title: "Prediction vs truth", xLabel: "time step", yLabel: "value");
        PngAssert.HasSize(path, 900, 450);
        PngAssert.HasContent(path);
    }

    [Fact]
    public void NDArraySeries_ColumnVectors_DefaultX()
    {
        var truth = np.arange(50).astype(np.float32).reshape(50, 1);
        var prediction = (np.arange(50).astype(np.float32) + 1f).reshape(50, 1);
        using var dir = new TempDir();
        var path = dir.File("nd.png");
        Plots.Line(null, new Dictionary<string, NDArray> { ["truth"] = truth, ["prediction"] = prediction }, path);
        PngAssert.HasSize(path, 900, 450);
    }

    [Fact]
    public void LengthMismatchAndEmpty_Throw()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<ArgumentException>(() => Plots.Line([1.0, 2.0, 3.0],
            new Dictionary<string, IReadOnlyList<double>> { ["truth"] = new[] { 1.0, 2.0 } }, dir.File("x.png")));
        Assert.Contains("series 'truth' to have one value per x value (3). Received 2", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Plots.Line([1.0], new Dictionary<string, IReadOnlyList<double>>(), dir.File("x.png")));
        Assert.Contains("at least one series", ex.Message);
    }
}
