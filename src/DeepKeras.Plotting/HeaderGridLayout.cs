using ScottPlot;

namespace DeepKeras.Plotting;

/// <summary>
/// Places the subplots of a figure on a grid of equal cells, row by row, below an optional header strip that the first
/// subplot fills (the figure title).
/// </summary>
internal sealed class HeaderGridLayout(int rows, int columns, float headerHeight) : IMultiplotLayout
{
    public PixelRect[] GetSubplotRectangles(SubplotCollection subplots, PixelRect figureRect)
    {
        var rects = new PixelRect[subplots.Count];
        var first = 0;
        if (headerHeight > 0 && rects.Length > 0)
        {
            rects[0] = new PixelRect(figureRect.Left, figureRect.Right, figureRect.Top + headerHeight, figureRect.Top);
            first = 1;
        }

        var cellWidth = figureRect.Width / columns;
        var cellHeight = (figureRect.Height - headerHeight) / rows;
        for (var i = first; i < rects.Length; i++)
        {
            var k = i - first;
            var (row, col) = (k / columns, k % columns);
            var left = figureRect.Left + col * cellWidth;
            var top = figureRect.Top + headerHeight + row * cellHeight;
            rects[i] = new PixelRect(left, left + cellWidth, top + cellHeight, top);
        }

        return rects;
    }
}
