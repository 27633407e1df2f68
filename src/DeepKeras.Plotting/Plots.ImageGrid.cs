using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Plotting;

public static partial class Plots
{
    /// <summary>
    /// Saves a grid of images with a caption above each image (e.g. <c>"true: Shirt / pred: T-shirt"</c>), like the
    /// sample grids of the Keras tutorials.
    /// </summary>
    /// <param name="images">
    /// Images of shape <c>(N, H, W)</c> or <c>(N, H, W, C)</c> with <c>C</c> = 1 (grayscale), 3 (RGB) or 4 (RGBA, alpha
    /// ignored). Bytes are read as 0–255; other dtypes as 0–1 when no value exceeds 1, else as 0–255 (values are clipped).
    /// </param>
    /// <param name="path">The PNG file to write; its folder is created.</param>
    /// <param name="columns">Images per row (default 8; fewer when there are fewer images).</param>
    /// <param name="labels">One caption per image (a <c>\n</c> starts a new line), or null for none.</param>
    /// <param name="title">A title above the grid, or null.</param>
    /// <exception cref="ArgumentException">Wrong rank or channel count, no images, or a caption count that differs from N.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is not positive.</exception>
    public static void ImageGrid(NDArray images, string path, int columns = 8, IReadOnlyList<string>? labels = null, string? title = null) =>
        PngOutput.Save(PngOutput.CheckPath(path), ImageGridPng(ArrayData.From(images, nameof(images)), columns, labels, title));

    /// <summary>Saves a grid of images with captions; see <see cref="ImageGrid(NDArray, string, int, IReadOnlyList{string}?, string?)"/>.</summary>
    /// <param name="images">Images of shape <c>(N, H, W)</c> or <c>(N, H, W, C)</c>, C = 1, 3 or 4; values 0–1 or 0–255.</param>
    /// <param name="path">The PNG file to write; its folder is created.</param>
    /// <param name="columns">Images per row (default 8).</param>
    /// <param name="labels">One caption per image (a <c>\n</c> starts a new line), or null for none.</param>
    /// <param name="title">A title above the grid, or null.</param>
    /// <exception cref="ArgumentException">Wrong rank or channel count, no images, or a caption count that differs from N.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is not positive.</exception>
    public static void ImageGrid(Tensor images, string path, int columns = 8, IReadOnlyList<string>? labels = null, string? title = null) =>
        PngOutput.Save(PngOutput.CheckPath(path), ImageGridPng(ArrayData.From(images, nameof(images)), columns, labels, title));

    private static byte[] ImageGridPng(ArrayData images, int columns, IReadOnlyList<string>? labels, string? title)
    {
        CheckColumns(columns);
        var shape = images.Shape;
        var rankOk = images.Rank == 3 || (images.Rank == 4 && shape[3] is 1 or 3 or 4);
        if (!rankOk)
        {
            throw new ArgumentException(
                $"Expected `images` of shape (N, H, W) or (N, H, W, C) with C = 1, 3 or 4. Received shape {images.ShapeText}." +
                (images.Rank == 2 ? " For a single image, add a leading axis: shape (1, H, W)." : ""), nameof(images));
        }

        var n = shape[0];
        if (n == 0 || shape[1] == 0 || shape[2] == 0)
        {
            throw new ArgumentException($"Expected at least one non-empty image. Received shape {images.ShapeText}.", nameof(images));
        }

        if (labels is not null && labels.Count != n)
        {
            throw new ArgumentException($"Expected one label per image: {n} labels. Received {labels.Count}.", nameof(labels));
        }

        var tiles = ImagePixels.ToTiles(images);
        return TileGrid.RenderPng(tiles, labels, columns, title, captionSize: 12);
    }

    private static void CheckColumns(int columns)
    {
        if (columns <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns,
                $"Expected a positive number of `columns`. Received: columns={columns}");
        }
    }
}
