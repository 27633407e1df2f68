using DeepKeras.Layers;
using DeepKeras.Plotting;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Plotting;

public class FeatureMapsTests
{
    [Fact]
    public void Channels_AreNormalizedTiles_OnAGrid()
    {
        // (1, 26, 26, 32): channel c holds x·c, so every channel but 0 spans a range and becomes a left-to-right ramp;
        // channel 0 is constant and must come out black.
        var x = arange(26, dtype: float32).reshape(1, 1, 26, 1);
        var maps = (x * arange(32, dtype: float32).reshape(1, 1, 1, 32)).expand(1, 26, 26, 32);
        using var dir = new TempDir();
        var path = dir.File("maps.png");
        Plots.FeatureMaps(maps, path, title: "conv2d");
        // 26 px → 4× = 104 px tiles; 10 pt captions (20 px) + 12 px padding: 116 × 136 cells; 8 columns × 4 rows; 44 px title.
        PngAssert.HasSize(path, 8 * 116, 44 + (4 * 136));
        PngAssert.HasContent(path);

        // Tile of channel 1 (row 0, col 1): left edge black (min), right edge white (max).
        int tileLeft = 116 + 6, tileTop = 44 + 20 + 6;
        Assert.True(PngAssert.Pixel(path, tileLeft + 3, tileTop + 50).Red < 5);
        Assert.True(PngAssert.Pixel(path, tileLeft + 100, tileTop + 50).Red > 250);
        // Channel 0 is constant: black everywhere.
        Assert.True(PngAssert.Pixel(path, 6 + 100, tileTop + 50).Red < 5);
    }

    [Fact]
    public void ConvLayerOutput_IsAccepted()
    {
        var conv = new Conv2DProbe();
        var image = rand(1, 12, 12, 1);
        var maps = conv.Apply(image);
        using var dir = new TempDir();
        var path = dir.File("conv.png");
        Plots.FeatureMaps(maps, path, columns: 2);
        // (1, 12, 12, 4): 12 px → 9× = 108 px tiles, 120 × 140 cells, 2 columns × 2 rows.
        PngAssert.HasSize(path, 2 * 120, 2 * 140);
    }

    [Fact]
    public void WrongRank_Throws()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<ArgumentException>(() => Plots.FeatureMaps(zeros(2, 5, 5, 3), dir.File("x.png")));
        Assert.Contains("Expected `maps` of shape (H, W, C) or (1, H, W, C)", ex.Message);
        Assert.Contains("Received shape (2, 5, 5, 3)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Plots.FeatureMaps(np.zeros(new[] { 5, 5 }), dir.File("x.png")));
        Assert.Contains("Received shape (5, 5)", ex.Message);
    }

    /// <summary>A fixed 1→4 channel pointwise layer (channels last), standing in for a convolution's output.</summary>
    private sealed class Conv2DProbe : Layer
    {
        protected override Tensor Call(Tensor inputs, bool training) =>
            inputs * tensor(new float[] { -1, 0.5f, 2, 3 }).reshape(1, 1, 1, 4);
    }
}
