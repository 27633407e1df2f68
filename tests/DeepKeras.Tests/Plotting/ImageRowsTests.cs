using DeepKeras.Plotting;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Plotting;

public class ImageRowsTests
{
    // 28×28 tiles enlarged 4× to 112 px; 6 px padding; one caption line of size 12: ceil(12·(0.6 + 1.4)) = 24 px above
    // each tile. Cells: 124 wide (short captions), 112 + 24 + 12 = 148 high; a title adds a 44 px header.
    private const int CellWidth = 124;
    private const int CellHeight = 148;
    private const int Header = 44;

    private static bool FontsInstalled => SkiaSharp.SKFontManager.Default.FontFamilies.Any(f => !string.IsNullOrEmpty(f));

    [Fact]
    public void ThreeRows_SizeAndClippedTones()
    {
        if (!FontsInstalled)
        {
            return;
        }

        using var dir = new TempDir();
        var path = dir.File("rows.png");
        // Row 0 black, row 1 values 2.0 (a noisy input above 1: clipped to white, not read as 0–255), row 2 mid-gray.
        Plots.ImageRows([zeros(4, 28, 28, 1), full(4, 28, 28, 1, 2f), full(4, 28, 28, 1, 0.5f)], ["a", "b", "c"], path, title: "t");

        PngAssert.HasSize(path, 4 * CellWidth, (3 * CellHeight) + Header);
        // Tile centres: x = 6 + 56 within a cell; y = header + row·148 + 24 + 6 + 56.
        for (var col = 0; col < 4; col++)
        {
            var x = (col * CellWidth) + 62;
            Assert.True(PngAssert.Pixel(path, x, Header + 86).Red < 10, $"row 0 col {col} not black");
            Assert.True(PngAssert.Pixel(path, x, Header + CellHeight + 86).Red > 245, $"row 1 col {col} not white");
            Assert.InRange(PngAssert.Pixel(path, x, Header + (2 * CellHeight) + 86).Red, 120, 135);
        }
    }

    [Fact]
    public void Errors_NameTheProblem()
    {
        using var dir = new TempDir();
        var path = dir.File("rows.png");
        var shape = Assert.Throws<ArgumentException>(() => Plots.ImageRows([zeros(3, 8, 8), zeros(4, 8, 8)], ["a", "b"], path));
        Assert.Contains("Received shape (4, 8, 8) for rows[1]", shape.Message);
        var labels = Assert.Throws<ArgumentException>(() => Plots.ImageRows([zeros(3, 8, 8)], ["a", "b"], path));
        Assert.Contains("one label per row: 1 labels. Received 2", labels.Message);
        Assert.Throws<ArgumentException>(() => Plots.ImageRows(Array.Empty<Tensor>(), [], path));
        var rank = Assert.Throws<ArgumentException>(() => Plots.ImageRows([zeros(3, 8)], ["a"], path));
        Assert.Contains("(N, H, W)", rank.Message);
        Assert.False(File.Exists(path));
    }
}
