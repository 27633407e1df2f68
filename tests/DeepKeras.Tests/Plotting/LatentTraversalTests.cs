using DeepKeras.Plotting;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Plotting;

public class LatentTraversalTests
{
    [Fact]
    public void LatentGrid_RowsTopToBottomColumnsLeftToRight()
    {
        var grid = Plots.LatentGrid(3, 1.0);
        Assert.Equal([9, 2], grid.shape);

        // linspace(−1, 1, 3) = −1, 0, 1; the top row has the largest z[1].
        float[] expected = [-1, 1, 0, 1, 1, 1, -1, 0, 0, 0, 1, 0, -1, -1, 0, -1, 1, -1];
        Assert.Equal(expected, grid.ToArray<float>());
    }

    [Fact]
    public void Traversal_DecodesTheLatticeAndDrawsItInPlace()
    {
        using var dir = new TempDir();
        var path = dir.File("traversal.png");
        NDArray? seen = null;

        // A "decoder" whose brightness is (z[0] + 1)/2: black on the left column, white on the right.
        Plots.LatentTraversal(z =>
        {
            seen = z;
            var values = z.ToArray<float>();
            var images = new float[9 * 28 * 28];
            for (var k = 0; k < 9; k++)
            {
                Array.Fill(images, (values[2 * k] + 1) / 2, k * 784, 784);
            }

            return np.array(images).reshape(9, 28, 28);
        }, path, n: 3, scale: 1.0);

        Assert.Equal([9, 2], seen!.shape);
        // Side = clamp(3·28·2, 500, 1000) = 500 px of data area, padded 70 left / 20 right, 20 top / 60 bottom.
        PngAssert.HasSize(path, 590, 580);
        // Data x-range [−1.5, 1.5] over pixels 70…570: the columns are centred at 70 + 500·(1/6, 3/6, 5/6).
        var y = 20 + 250;
        Assert.True(PngAssert.Pixel(path, 70 + 83, y).Red < 10, "left column should be black");
        Assert.InRange(PngAssert.Pixel(path, 70 + 250, y).Red, 120, 135);
        Assert.True(PngAssert.Pixel(path, 70 + 417, y).Red > 245, "right column should be white");
    }

    [Fact]
    public void Errors_NameTheProblem()
    {
        using var dir = new TempDir();
        var path = dir.File("t.png");
        var count = Assert.Throws<ArgumentException>(() => Plots.LatentTraversal(zeros(8, 28, 28), path, n: 3));
        Assert.Contains("n·n = 9 images", count.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Plots.LatentGrid(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Plots.LatentGrid(5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Plots.LatentGrid(5, double.PositiveInfinity));
    }
}
