using ScottPlot;

namespace DeepKeras.Plotting;

/// <summary>Renders equally sized RGB tiles on a grid, each with an optional caption above it, under an optional title.</summary>
internal static class TileGrid
{
    // Small images (28×28 digits) are enlarged by a whole factor, pixel for pixel, to about this size.
    private const int TargetTilePixels = 100;
    private const int Padding = 6;
    private const float HeaderHeight = 44;
    private static readonly Color FrameColor = Color.FromHex("#b0b0b0");

    /// <summary>Renders the grid and returns PNG bytes.</summary>
    /// <param name="tiles">RGB pixels indexed [row, column, channel]; all the same size.</param>
    /// <param name="captions">One caption per tile, or null for none.</param>
    /// <param name="columns">Tiles per row (at most the number of tiles is used).</param>
    /// <param name="title">Figure title, or null.</param>
    /// <param name="captionSize">Caption font size.</param>
    public static byte[] RenderPng(IReadOnlyList<byte[,,]> tiles, IReadOnlyList<string>? captions, int columns, string? title, float captionSize)
    {
        int height = tiles[0].GetLength(0), width = tiles[0].GetLength(1);
        var scale = Math.Max(1, (int)Math.Ceiling(TargetTilePixels / (double)Math.Max(height, width)));
        int tileWidth = width * scale, tileHeight = height * scale;
        // Captions may span several lines ("true: Shirt\npred: T-shirt"): size the cells for the widest line and the most lines.
        var captionLines = captions?.Select(c => c.Split('\n')).ToList();
        var captionWidth = captionLines is null ? 0f : captionLines.SelectMany(l => l).Max(l => PlotStyle.MeasureWidth(l, captionSize));
        var lineCount = captionLines?.Max(l => l.Length) ?? 0;
        var captionHeight = lineCount == 0 ? 0 : (int)Math.Ceiling(captionSize * (0.6f + (1.4f * lineCount)));
        var cellWidth = (int)Math.Ceiling(Math.Max(tileWidth, captionWidth)) + 2 * Padding;
        var cellHeight = tileHeight + captionHeight + 2 * Padding;
        var cols = Math.Min(columns, tiles.Count);
        var rows = (tiles.Count + cols - 1) / cols;
        var header = string.IsNullOrEmpty(title) ? 0f : HeaderHeight;

        var images = new List<Image>(tiles.Count);
        try
        {
            var plots = new List<Plot>(tiles.Count + 1);
            if (header > 0)
            {
                plots.Add(PlotStyle.Header(title!));
            }

            var left = (cellWidth - tileWidth) / 2;
            var padding = new PixelPadding(left, cellWidth - tileWidth - left, Padding, captionHeight + Padding);
            for (var i = 0; i < tiles.Count; i++)
            {
                var plot = PlotStyle.NewPlot();
                var image = PlotStyle.ToImage(tiles[i]);
                images.Add(image);
                var rect = plot.Add.ImageRect(image, new CoordinateRect(0, width, 0, height));
                rect.AntiAlias = false;
                // A thin frame keeps white image regions apart from the white page.
                var frame = plot.Add.Rectangle(0, width, 0, height);
                frame.FillColor = Colors.Transparent;
                frame.LineColor = FrameColor;
                frame.LineWidth = 1;
                plot.Axes.SetLimits(0, width, 0, height);
                PlotStyle.HideAxes(plot);
                if (captions is not null)
                {
                    plot.Title(captions[i], captionSize);
                    plot.Axes.Title.Label.Bold = false;
                }

                plot.Layout.Fixed(padding);
                plots.Add(plot);
            }

            var figure = new Multiplot(plots[0]);
            foreach (var p in plots.Skip(1))
            {
                figure.AddPlot(p);
            }

            figure.Layout = new HeaderGridLayout(rows, cols, header);
            using var rendered = figure.Render(cols * cellWidth, rows * cellHeight + (int)header);
            return rendered.GetImageBytes(ImageFormat.Png, 100);
        }
        finally
        {
            foreach (var image in images)
            {
                image.Dispose();
            }
        }
    }
}
