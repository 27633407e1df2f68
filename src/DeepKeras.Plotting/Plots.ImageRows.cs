using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Plotting;

public static partial class Plots
{
    /// <summary>
    /// Saves rows of images that correspond column by column, each row named by a caption over its first image: the
    /// originals / corrupted / reconstructed figure of the autoencoder tutorials.
    /// </summary>
    /// <param name="rows">
    /// One array per row, all of the same shape <c>(N, H, W)</c> or <c>(N, H, W, C)</c> (C = 1, 3 or 4). Values are read
    /// as 0–1 and clipped (bytes as 0–255), so a noisy input that leaves [0, 1] still shows as an image.
    /// </param>
    /// <param name="rowLabels">One name per row (e.g. <c>"original"</c>, <c>"noisy"</c>, <c>"denoised"</c>).</param>
    /// <param name="path">The PNG file to write; its folder is created.</param>
    /// <param name="title">A title above the rows, or null.</param>
    /// <exception cref="ArgumentException">No rows, rows of different shapes or a wrong rank, or a label count that differs from the row count.</exception>
    /// <example><code>
    /// Plots.ImageRows([xTest[":10"], noisy[":10"], denoised[":10"]], ["original", "noisy", "denoised"], "out/denoising.png");
    /// </code></example>
    public static void ImageRows(IReadOnlyList<NDArray> rows, IReadOnlyList<string> rowLabels, string path, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ImageRows(rows.Select((r, i) => ArrayData.From(r, $"rows[{i}]")).ToList(), rowLabels, path, title);
    }

    /// <summary>Saves rows of corresponding images; see <see cref="ImageRows(IReadOnlyList{NDArray}, IReadOnlyList{string}, string, string?)"/>.</summary>
    /// <param name="rows">One tensor per row, all of the same shape (N, H, W) or (N, H, W, C); values read as 0–1 and clipped.</param>
    /// <param name="rowLabels">One name per row.</param>
    /// <param name="path">The PNG file to write; its folder is created.</param>
    /// <param name="title">A title above the rows, or null.</param>
    /// <exception cref="ArgumentException">No rows, rows of different shapes or a wrong rank, or a label count that differs from the row count.</exception>
    public static void ImageRows(IReadOnlyList<Tensor> rows, IReadOnlyList<string> rowLabels, string path, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ImageRows(rows.Select((r, i) => ArrayData.From(r, $"rows[{i}]")).ToList(), rowLabels, path, title);
    }

    private static void ImageRows(IReadOnlyList<ArrayData> rows, IReadOnlyList<string> rowLabels, string path, string? title)
    {
        ArgumentNullException.ThrowIfNull(rowLabels);
        var fullPath = PngOutput.CheckPath(path);
        if (rows.Count == 0)
        {
            throw new ArgumentException("Expected at least one row of images. Received none.", nameof(rows));
        }

        if (rowLabels.Count != rows.Count)
        {
            throw new ArgumentException($"Expected one label per row: {rows.Count} labels. Received {rowLabels.Count}.", nameof(rowLabels));
        }

        var first = rows[0];
        var rankOk = first.Rank == 3 || (first.Rank == 4 && first.Shape[3] is 1 or 3 or 4);
        if (!rankOk || first.Shape[0] == 0 || first.Shape[1] == 0 || first.Shape[2] == 0)
        {
            throw new ArgumentException(
                $"Expected each row of shape (N, H, W) or (N, H, W, C) with C = 1, 3 or 4 and N ≥ 1. Received shape {first.ShapeText} for rows[0].",
                nameof(rows));
        }

        for (var r = 1; r < rows.Count; r++)
        {
            if (!rows[r].Shape.SequenceEqual(first.Shape))
            {
                throw new ArgumentException(
                    $"Expected every row to have the shape of rows[0], {first.ShapeText}. Received shape {rows[r].ShapeText} for rows[{r}].", nameof(rows));
            }
        }

        var columns = first.Shape[0];
        var tiles = new List<byte[,,]>(rows.Count * columns);
        var captions = new List<string>(rows.Count * columns);
        for (var r = 0; r < rows.Count; r++)
        {
            tiles.AddRange(ImagePixels.ToTiles(UnitRange(rows[r])));
            captions.Add(rowLabels[r]);
            captions.AddRange(Enumerable.Repeat(string.Empty, columns - 1));
        }

        PngOutput.Save(fullPath, TileGrid.RenderPng(tiles, captions, columns, title, captionSize: 12));
    }

    // Floats are pixel intensities in [0, 1]: clip so that values outside (noise) neither wrap nor switch the scale to 0–255.
    private static ArrayData UnitRange(ArrayData data) =>
        data.IsUInt8 ? data : data with { Values = Array.ConvertAll(data.Values, v => float.IsNaN(v) ? 0f : Math.Clamp(v, 0f, 1f)) };
}
