using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Plotting;

public static partial class Plots
{
    /// <summary>
    /// Saves the channels of one convolution output as a grid of grayscale tiles, each min–max normalized on its own
    /// (a constant channel, e.g. a dead ReLU, is black), captioned with its channel index.
    /// </summary>
    /// <param name="maps">Activations of shape <c>(H, W, C)</c> or <c>(1, H, W, C)</c> (channels last, as Keras layers output).</param>
    /// <param name="path">The PNG file to write; its folder is created.</param>
    /// <param name="columns">Tiles per row (default 8).</param>
    /// <param name="title">A title above the grid, or null.</param>
    /// <exception cref="ArgumentException">A rank other than 3, or rank 4 with a batch of more than one.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is not positive.</exception>
    /// <example>
    /// <code>
    /// var maps = cnn.Layers[0].Apply(image);   // image (1, 28, 28, 1) → maps (1, 26, 26, 32)
    /// Plots.FeatureMaps(maps, "out/conv2d.png", title: "conv2d");
    /// </code>
    /// </example>
    public static void FeatureMaps(Tensor maps, string path, int columns = 8, string? title = null) =>
        PngOutput.Save(PngOutput.CheckPath(path), FeatureMapsPng(ArrayData.From(maps, nameof(maps)), columns, title));

    /// <summary>Saves the channels of one convolution output as normalized grayscale tiles; see <see cref="FeatureMaps(Tensor, string, int, string?)"/>.</summary>
    /// <param name="maps">Activations of shape <c>(H, W, C)</c> or <c>(1, H, W, C)</c>.</param>
    /// <param name="path">The PNG file to write; its folder is created.</param>
    /// <param name="columns">Tiles per row (default 8).</param>
    /// <param name="title">A title above the grid, or null.</param>
    /// <exception cref="ArgumentException">A rank other than 3, or rank 4 with a batch of more than one.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is not positive.</exception>
    public static void FeatureMaps(NDArray maps, string path, int columns = 8, string? title = null) =>
        PngOutput.Save(PngOutput.CheckPath(path), FeatureMapsPng(ArrayData.From(maps, nameof(maps)), columns, title));

    private static byte[] FeatureMapsPng(ArrayData maps, int columns, string? title)
    {
        CheckColumns(columns);
        var shape = maps.Shape;
        if (!(maps.Rank == 3 || (maps.Rank == 4 && shape[0] == 1)))
        {
            throw new ArgumentException(
                $"Expected `maps` of shape (H, W, C) or (1, H, W, C): the output of a convolution for one image. Received shape {maps.ShapeText}." +
                (maps.Rank == 4 ? " Select one image first, e.g. maps[0]." : ""), nameof(maps));
        }

        var (h, w, c) = maps.Rank == 3 ? (shape[0], shape[1], shape[2]) : (shape[1], shape[2], shape[3]);
        if (h == 0 || w == 0 || c == 0)
        {
            throw new ArgumentException($"Expected non-empty feature maps. Received shape {maps.ShapeText}.", nameof(maps));
        }

        var tiles = Enumerable.Range(0, c).Select(ch => ImagePixels.Channel(maps.Values, h, w, c, ch)).ToList();
        var captions = Enumerable.Range(0, c).Select(ch => ch.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return TileGrid.RenderPng(tiles, captions, columns, title, captionSize: 10);
    }
}
