using DeepKeras.Plotting;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Plotting;

public class Scatter2DTests
{
    [Fact]
    public void LatentPoints_ColouredByClass()
    {
        // Three clusters of 50 points around (−3, 0), (0, 3), (3, 0).
        var rng = new Random(1);
        var points = new float[150, 2];
        var labels = new int[150];
        for (var i = 0; i < 150; i++)
        {
            labels[i] = i % 3;
            points[i, 0] = (float)((labels[i] - 1) * 3 + rng.NextDouble() - 0.5);
            points[i, 1] = (float)((labels[i] == 1 ? 3 : 0) + rng.NextDouble() - 0.5);
        }

        using var dir = new TempDir();
        var path = dir.File("latent.png");
        Plots.Scatter2D(np.array(points), np.array(labels), path, title: "Latent space", classNames: ["T-shirt", "Trouser", "Pullover"]);
        PngAssert.HasSize(path, 720, 600);
        PngAssert.HasContent(path);
    }

    [Fact]
    public void TensorPoints_WithoutLabels()
    {
        using var dir = new TempDir();
        var path = dir.File("plain.png");
        Plots.Scatter2D(randn(100, 2), null, path);
        PngAssert.HasSize(path, 720, 600);
        PngAssert.HasContent(path);
    }

    [Fact]
    public void BadShapes_Throw()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<ArgumentException>(() => Plots.Scatter2D(zeros(10, 3), null, dir.File("x.png")));
        Assert.Contains("Expected `points` of shape (N, 2). Received shape (10, 3)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Plots.Scatter2D(zeros(10, 2), zeros(9), dir.File("x.png")));
        Assert.Contains("Expected `labels` to hold 10 values", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Plots.Scatter2D(zeros(2, 2), tensor(new[] { 0.5f, 1f }), dir.File("x.png")));
        Assert.Contains("non-negative integer class indices. Received 0.5 at index 0", ex.Message);
    }
}
