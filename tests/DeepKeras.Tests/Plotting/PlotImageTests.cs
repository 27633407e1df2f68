using DeepKeras.Callbacks;
using DeepKeras.Plotting;
using DeepKeras.Training;
using NumSharp;

namespace DeepKeras.Tests.Plotting;

public class PlotImageTests
{
    private static History TwoMetricHistory()
    {
        var history = new History();
        for (var e = 0; e < 3; e++)
        {
            history.OnEpochEnd(e, new Logs(new Dictionary<string, double>
            {
                ["loss"] = 1.0 / (e + 1), ["accuracy"] = 0.5 + (0.1 * e), ["val_loss"] = 1.2 / (e + 1), ["val_accuracy"] = 0.45 + (0.1 * e),
            }));
        }

        return history;
    }

    [Fact]
    public void TrainingCurves_InMemory_SameBytesAsTheFile()
    {
        var history = TwoMetricHistory();
        using var dir = new TempDir();
        var path = dir.File("curves.png");
        Plots.TrainingCurves(history, path);

        var image = Plots.TrainingCurves(history);

        // Two panels (loss, accuracy) of 480×360 side by side.
        Assert.Equal((960, 360), (image.Width, image.Height));
        Assert.Equal(File.ReadAllBytes(path), image.ToPngBytes());
        Assert.Equal("image/png", image.MimeType);
        Assert.Equal(Convert.ToBase64String(File.ReadAllBytes(path)), image.ToBase64());
        Assert.Equal((480, 360), (Plots.TrainingCurves(history, ["loss"]).Width, 360));
    }

    [Fact]
    public void ImageGridAndFeatureMapsAndScatter_InMemory_HaveTheFileSizes()
    {
        var images = np.zeros(new NumSharp.Shape(4, 8, 8), np.float32);
        using var dir = new TempDir();
        var gridPath = dir.File("grid.png");
        Plots.ImageGrid(images, gridPath, columns: 2);
        var grid = Plots.ImageGrid(images, columns: 2);
        Assert.Equal(PngAssert.ReadSize(gridPath), (grid.Width, grid.Height));

        var maps = np.zeros(new NumSharp.Shape(6, 6, 3), np.float32);
        var mapsPath = dir.File("maps.png");
        Plots.FeatureMaps(maps, mapsPath, columns: 3);
        var inMemory = Plots.FeatureMaps(maps, columns: 3);
        Assert.Equal(PngAssert.ReadSize(mapsPath), (inMemory.Width, inMemory.Height));

        var points = np.array(new float[,] { { 0, 0 }, { 1, 1 }, { 2, 0 } });
        var scatter = Plots.Scatter2D(points, np.array(new[] { 0, 1, 1 }), classNames: ["a", "b"], title: "z");
        Assert.Equal((720, 600), (scatter.Width, scatter.Height));
    }

    [Fact]
    public void SaveAndLoad_RoundTrip()
    {
        var image = Plots.TrainingCurves(TwoMetricHistory());
        using var dir = new TempDir();
        var path = dir.File("sub/curves.png");
        image.Save(path);
        Assert.Equal(image.ToPngBytes(), PlotImage.Load(path).ToPngBytes());
    }

    [Fact]
    public void Render_CapturesAFileOverload()
    {
        var image = PlotImage.Render(path => Plots.Line([0.0, 1.0, 2.0], new Dictionary<string, IReadOnlyList<double>> { ["y"] = new[] { 1.0, 0.0, 1.0 } }, path));
        Assert.Equal((900, 450), (image.Width, image.Height));
        var ex = Assert.Throws<InvalidOperationException>(() => PlotImage.Render(_ => { }));
        Assert.Contains("wrote no file", ex.Message);
    }

    [Fact]
    public void NotAPng_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PlotImage([1, 2, 3]));
        Assert.Contains("Expected the bytes of a PNG image", ex.Message);
        Assert.Contains("Received 3 bytes", ex.Message);
    }
}
