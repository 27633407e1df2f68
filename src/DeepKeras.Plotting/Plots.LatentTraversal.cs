using System.Globalization;
using NumSharp;
using ScottPlot;
using static TorchSharp.torch;

namespace DeepKeras.Plotting;

public static partial class Plots
{
    /// <summary>
    /// The points of an n×n lattice over [−scale, scale]² in a 2-D latent space, in the order
    /// <see cref="LatentTraversal(NDArray, string, int, double, string?)"/> draws them: row by row from the top (largest
    /// z[1]) to the bottom, each row from the left (smallest z[0]) to the right — the grid of Keras's
    /// <c>plot_latent_space</c>.
    /// </summary>
    /// <param name="n">Points per axis (default 15).</param>
    /// <param name="scale">Half-width of the square (default 2, two standard deviations of the N(0, I) prior).</param>
    /// <returns>float32 array (n·n, 2) of [z[0], z[1]] pairs, to pass to a decoder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is below 2 or <paramref name="scale"/> is not positive.</exception>
    public static NDArray LatentGrid(int n = 15, double scale = 2.0)
    {
        CheckLattice(n, scale);
        var points = new float[n * n * 2];
        for (var row = 0; row < n; row++)
        {
            for (var col = 0; col < n; col++)
            {
                var k = (row * n) + col;
                points[2 * k] = (float)LatticeValue(col, n, scale);
                points[(2 * k) + 1] = (float)LatticeValue(n - 1 - row, n, scale);
            }
        }

        return np.array(points).reshape(n * n, 2);
    }

    /// <summary>
    /// Decodes the <see cref="LatentGrid"/> lattice and saves the images as one mosaic with the latent coordinates on the
    /// axes: how the decoder's output changes as z moves across a 2-D latent space (a latent traversal).
    /// </summary>
    /// <param name="decode">Maps latent points (m, 2) to images (m, H, W) or (m, H, W, C) with values in [0, 1], e.g. <c>z => vae.Decode(z)</c>.</param>
    /// <param name="path">The PNG file to write; its folder is created.</param>
    /// <param name="n">Images per axis (default 15).</param>
    /// <param name="scale">The lattice spans [−scale, scale] on both axes (default 2).</param>
    /// <param name="title">The title, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is below 2 or <paramref name="scale"/> is not positive.</exception>
    /// <exception cref="ArgumentException">The decoder does not return n·n images.</exception>
    /// <example><code>
    /// Plots.LatentTraversal(z => vae.Decode(z), "out/latent_traversal.png", n: 15, scale: 2);
    /// </code></example>
    public static void LatentTraversal(Func<NDArray, NDArray> decode, string path, int n = 15, double scale = 2.0, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(decode);
        PngOutput.CheckPath(path);
        LatentTraversal(decode(LatentGrid(n, scale)), path, n, scale, title);
    }

    /// <summary>
    /// Saves decoded lattice images (in <see cref="LatentGrid"/> order) as one mosaic with the latent coordinates on the axes.
    /// </summary>
    /// <param name="images">n·n images (n·n, H, W) or (n·n, H, W, C), C = 1, 3 or 4; floats read as 0–1 and clipped.</param>
    /// <param name="path">The PNG file to write; its folder is created.</param>
    /// <param name="n">Images per axis.</param>
    /// <param name="scale">The lattice spans [−scale, scale] on both axes (default 2).</param>
    /// <param name="title">The title, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is below 2 or <paramref name="scale"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="images"/> has a wrong rank or not n·n images.</exception>
    public static void LatentTraversal(NDArray images, string path, int n, double scale = 2.0, string? title = null) =>
        LatentTraversal(ArrayData.From(images, nameof(images)), path, n, scale, title);

    /// <summary>Saves decoded lattice images as a mosaic; see <see cref="LatentTraversal(NDArray, string, int, double, string?)"/>.</summary>
    /// <param name="images">n·n images (n·n, H, W) or (n·n, H, W, C); floats read as 0–1 and clipped.</param>
    /// <param name="path">The PNG file to write; its folder is created.</param>
    /// <param name="n">Images per axis.</param>
    /// <param name="scale">The lattice spans [−scale, scale] on both axes (default 2).</param>
    /// <param name="title">The title, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is below 2 or <paramref name="scale"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="images"/> has a wrong rank or not n·n images.</exception>
    public static void LatentTraversal(Tensor images, string path, int n, double scale = 2.0, string? title = null) =>
        LatentTraversal(ArrayData.From(images, nameof(images)), path, n, scale, title);

    private static void LatentTraversal(ArrayData images, string path, int n, double scale, string? title)
    {
        var fullPath = PngOutput.CheckPath(path);
        CheckLattice(n, scale);
        var rankOk = images.Rank == 3 || (images.Rank == 4 && images.Shape[3] is 1 or 3 or 4);
        if (!rankOk || images.Shape[0] != n * n || images.Shape[1] == 0 || images.Shape[2] == 0)
        {
            throw new ArgumentException(
                $"Expected n·n = {n * n} images of shape (H, W) or (H, W, C) with C = 1, 3 or 4. Received shape {images.ShapeText}.", nameof(images));
        }

        var tiles = ImagePixels.ToTiles(UnitRange(images));
        int h = images.Shape[1], w = images.Shape[2];
        var mosaic = new byte[n * h, n * w, 3];
        for (var k = 0; k < tiles.Count; k++)
        {
            int row = k / n, col = k % n;
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        mosaic[(row * h) + y, (col * w) + x, c] = tiles[k][y, x, c];
                    }
                }
            }
        }

        // Each tile is centred on its lattice point: the image spans half a step beyond ±scale.
        var half = scale / (n - 1);
        var plot = PlotStyle.NewPlot();
        using var image = PlotStyle.ToImage(mosaic);
        var rect = plot.Add.ImageRect(image, new CoordinateRect(-scale - half, scale + half, -scale - half, scale + half));
        rect.AntiAlias = false;
        plot.Axes.SetLimits(-scale - half, scale + half, -scale - half, scale + half);
        plot.Grid.IsVisible = false;
        plot.XLabel("z[0]");
        plot.YLabel("z[1]");
        if (!string.IsNullOrEmpty(title))
        {
            plot.Title(title);
        }

        var side = Math.Clamp(n * Math.Max(h, w) * 2, 500, 1000);
        plot.Layout.Fixed(new PixelPadding(70, 20, 60, string.IsNullOrEmpty(title) ? 20 : 50));
        PngOutput.Save(fullPath, plot.GetImageBytes(side + 90, side + (string.IsNullOrEmpty(title) ? 80 : 110), ImageFormat.Png));
    }

    private static double LatticeValue(int index, int n, double scale) => -scale + (2 * scale * index / (n - 1));

    private static void CheckLattice(int n, double scale)
    {
        if (n < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"Expected at least 2 points per axis. Received: n={n}");
        }

        if (!(scale > 0) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale,
                $"Expected a positive, finite `scale`. Received: scale={scale.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
