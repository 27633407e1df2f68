using DeepKeras.Plotting;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Plotting;

public class EpochImageGridTests
{
    [Fact]
    public void Sink_WritesOneNumberedGridPerEpoch()
    {
        using var dir = new TempDir();
        var saved = new List<string>();
        var sink = Plots.EpochImageGrid(dir.File("epochs"), columns: 4, saved: saved.Add);

        sink(0, rand(8, 28, 28, 1));
        sink(11, rand(8, 28, 28, 1));

        // Epochs are 0-based in callbacks and counted from 1 in the file names.
        Assert.Equal([dir.File("epochs/epoch_001.png"), dir.File("epochs/epoch_012.png")], saved);
        // 4 columns × 2 rows of 124 px cells under the 44 px title header.
        PngAssert.HasSize(saved[0], 4 * 124, (2 * 124) + 44);
        PngAssert.HasSize(saved[1], 4 * 124, (2 * 124) + 44);
    }

    [Fact]
    public void Errors()
    {
        Assert.Throws<ArgumentException>(() => Plots.EpochImageGrid(" "));
        Assert.Throws<ArgumentOutOfRangeException>(() => Plots.EpochImageGrid("out", columns: 0));
    }
}
