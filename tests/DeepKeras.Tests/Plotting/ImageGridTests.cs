using DeepKeras.Plotting;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Plotting;

public class ImageGridTests
{
    // 28×28 images are enlarged 4× (ceil(100 / 28)) to 112 px, with 6 px padding around each tile: 124 px cells.
    private const int Cell = 124;
    private const int Tile = 112;

    // Text is measured with an installed font (Debian: fonts-dejavu-core); with none, captions take no width.
    private static bool FontsInstalled => SkiaSharp.SKFontManager.Default.FontFamilies.Any(f => !string.IsNullOrEmpty(f));

    /// <summary>Ten 28×28 images: image i has value i/9 in its top half and 1 − i/9 in its bottom half.</summary>
    private static NDArray GrayImages(int n = 10)
    {
        var data = new float[n * 28 * 28];
        for (var i = 0; i < n; i++)
        {
            for (var y = 0; y < 28; y++)
            {
                for (var x = 0; x < 28; x++)
                {
                    data[(((i * 28) + y) * 28) + x] = y < 14 ? i / 9f : 1 - (i / 9f);
                }
            }
        }

        return np.array(data).reshape(n, 28, 28);
    }

    [Fact]
    public void Grayscale_NoCaptions_GridSizeAndTileColours()
    {
        using var dir = new TempDir();
        var path = dir.File("grid.png");
        Plots.ImageGrid(GrayImages(), path, columns: 5);
        PngAssert.HasSize(path, 5 * Cell, 2 * Cell);
        PngAssert.HasContent(path);

        // Image 0 (row 0, col 0): top half black (0), bottom half white (1.0 → 255).
        var top = PngAssert.Pixel(path, 6 + (Tile / 2), 6 + (Tile / 4));
        var bottom = PngAssert.Pixel(path, 6 + (Tile / 2), 6 + (3 * Tile / 4));
        Assert.True(top.Red < 10 && top.Green < 10 && top.Blue < 10, $"top {top}");
        Assert.True(bottom.Red > 245 && bottom.Green > 245 && bottom.Blue > 245, $"bottom {bottom}");
        // Image 9 (row 1, col 4): top half 1.0 → white.
        var nine = PngAssert.Pixel(path, (4 * Cell) + 6 + (Tile / 2), Cell + 6 + (Tile / 4));
        Assert.True(nine.Red > 245, $"image 9 top {nine}");
        // Image 3: 3/9 → 85.
        var three = PngAssert.Pixel(path, (3 * Cell) + 6 + (Tile / 2), 6 + (Tile / 4));
        Assert.InRange(three.Red, 83, 87);
    }

    [Fact]
    public void CaptionsAndTitle_AddRowsOfText()
    {
        using var dir = new TempDir();
        var path = dir.File("captions.png");
        var labels = Enumerable.Range(0, 10).Select(i => $"true: Shirt / pred: T-shirt {i}").ToList();
        Plots.ImageGrid(GrayImages(), path, columns: 5, labels: labels, title: "Fashion-MNIST test images");
        var (width, height) = PngAssert.ReadSize(path);
        // Captions are 24 px high (12 pt × 2) above each tile; the title strip is 44 px. Cells widen to fit long captions.
        Assert.Equal(44 + (2 * (Tile + 24 + 12)), height);
        if (FontsInstalled)
        {
            Assert.True(width > 5 * Cell, $"width {width}: long captions should widen the cells");
        }
        PngAssert.HasContent(path);
    }

    [Fact]
    public void TwoLineCaptions_AreTallerAndNarrower()
    {
        using var dir = new TempDir();
        var oneLine = dir.File("one.png");
        var twoLines = dir.File("two.png");
        Plots.ImageGrid(GrayImages(2), oneLine, labels: ["true: Ankle boot / pred: T-shirt/top", "true: Bag / pred: Bag"]);
        Plots.ImageGrid(GrayImages(2), twoLines, labels: ["true: Ankle boot\npred: T-shirt/top", "true: Bag\npred: Bag"]);
        var (w1, h1) = PngAssert.ReadSize(oneLine);
        var (w2, h2) = PngAssert.ReadSize(twoLines);
        // Caption height is 12 pt × (0.6 + 1.4 × lines): 24 px for one line, ceil(40.8) = 41 px for two.
        Assert.Equal(Tile + 24 + 12, h1);
        Assert.Equal(Tile + 41 + 12, h2);
        if (FontsInstalled)
        {
            Assert.True(w2 < w1, $"two-line captions should need narrower cells: {w2} vs {w1}");
        }
    }

    [Fact]
    public void RgbTensor_0to255_KeepsChannelOrder()
    {
        // Two 8×8 RGB images in 0–255: pure red and pure blue. 8 px → 13× (ceil(100 / 8)) = 104 px tiles.
        var images = zeros(2, 8, 8, 3);
        images[0, TensorIndex.Ellipsis, 0] = tensor(255f);
        images[1, TensorIndex.Ellipsis, 2] = tensor(255f);
        using var dir = new TempDir();
        var path = dir.File("rgb.png");
        Plots.ImageGrid(images, path, columns: 2);
        PngAssert.HasSize(path, 2 * (104 + 12), 104 + 12);
        var red = PngAssert.Pixel(path, 6 + 52, 6 + 52);
        var blue = PngAssert.Pixel(path, 116 + 6 + 52, 6 + 52);
        Assert.True(red.Red > 250 && red.Green < 5 && red.Blue < 5, $"red {red}");
        Assert.True(blue.Blue > 250 && blue.Red < 5 && blue.Green < 5, $"blue {blue}");
    }

    [Fact]
    public void ByteImages_AreRead0to255_FloatImages0to1()
    {
        using var dir = new TempDir();
        // A byte value 1 is nearly black; a float value 1.0 is white.
        var bytes = np.ones(new[] { 1, 10, 10, 1 }, np.uint8);
        Plots.ImageGrid(bytes, dir.File("bytes.png"), columns: 1);
        var floats = np.ones(new[] { 1, 10, 10 }, np.float32);
        Plots.ImageGrid(floats, dir.File("floats.png"), columns: 1);
        // 10 px → 10× = 100 px tile in a 112 px cell.
        PngAssert.HasSize(dir.File("bytes.png"), 112, 112);
        Assert.True(PngAssert.Pixel(dir.File("bytes.png"), 56, 56).Red < 3);
        Assert.True(PngAssert.Pixel(dir.File("floats.png"), 56, 56).Red > 252);
    }

    [Fact]
    public void WrongRank_Throws()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<ArgumentException>(() => Plots.ImageGrid(np.zeros(new[] { 28, 28 }), dir.File("x.png")));
        Assert.Contains("Expected `images` of shape (N, H, W) or (N, H, W, C)", ex.Message);
        Assert.Contains("Received shape (28, 28)", ex.Message);
        Assert.Contains("(1, H, W)", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => Plots.ImageGrid(zeros(2, 4, 4, 2), dir.File("x.png")));
        Assert.Contains("Received shape (2, 4, 4, 2)", ex.Message);
        Assert.False(File.Exists(dir.File("x.png")));
    }

    [Fact]
    public void LabelCountMismatch_AndBadColumns_Throw()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<ArgumentException>(() => Plots.ImageGrid(GrayImages(3), dir.File("x.png"), labels: ["a", "b"]));
        Assert.Contains("3 labels. Received 2", ex.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => Plots.ImageGrid(GrayImages(3), dir.File("x.png"), columns: 0));
        Assert.Contains("columns=0", range.Message);
    }
}
