using System.Text;

namespace DeepKeras.Models;

/// <summary>
/// The table of <c>model.Summary()</c>, drawn like Keras 3 draws it with <c>rich.table.Table(width=lineLength,
/// show_lines=True)</c>: HEAVY_HEAD box, one space of padding each side of a cell, a rule between rows, long cells
/// word-wrapped inside their column, header cells aligned to the bottom and body cells to the top.
/// </summary>
internal sealed class SummaryTable
{
    private readonly string[] _headers;
    private readonly CellJustify[] _justify;
    private readonly int[] _widths;
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table whose lines are <paramref name="tableWidth"/> characters wide.</summary>
    /// <param name="headers">The column headers.</param>
    /// <param name="justify">The alignment of each column (its header included).</param>
    /// <param name="columnWidths">The nominal width of each column (rich's <c>Column(width=...)</c>).</param>
    /// <param name="tableWidth">The width of the whole table, borders included.</param>
    public SummaryTable(string[] headers, CellJustify[] justify, int[] columnWidths, int tableWidth)
    {
        _headers = headers;
        _justify = justify;
        _widths = SegmentWidths(columnWidths, tableWidth);
    }

    /// <summary>Adds a row with one text per column.</summary>
    public void AddRow(params string[] cells) => _rows.Add(cells);

    /// <summary>Appends the table, one line per <c>\n</c>, to <paramref name="sb"/>.</summary>
    public void RenderTo(StringBuilder sb)
    {
        Rule(sb, '┏', '━', '┳', '┓');
        Row(sb, _headers, '┃', alignBottom: true);
        Rule(sb, '┡', '━', '╇', '┩');
        for (var i = 0; i < _rows.Count; i++)
        {
            Row(sb, _rows[i], '│', alignBottom: false);
            if (i < _rows.Count - 1)
            {
                Rule(sb, '├', '─', '┼', '┤');
            }
        }

        Rule(sb, '└', '─', '┴', '┘');
    }

    /// <summary>
    /// rich's column sizing for fixed-width columns in a table of fixed width: each column wants its width plus 2 of
    /// padding; the excess over the room left by the borders is taken from all columns in turn (rounded half to
    /// even), and any room left over is shared out in proportion to the widths.
    /// </summary>
    internal static int[] SegmentWidths(IReadOnlyList<int> columnWidths, int tableWidth)
    {
        var room = tableWidth - (columnWidths.Count + 1);
        var widths = columnWidths.Select(w => room < 1 ? 1 : Math.Min(w + 2, room)).ToArray();
        var total = widths.Sum();
        if (total > room)
        {
            widths = RatioReduce(total - room, widths);
            total = widths.Sum();
        }

        if (total < room)
        {
            var pads = RatioDistribute(room - total, widths);
            widths = widths.Select((w, i) => w + pads[i]).ToArray();
        }

        return widths;
    }

    // rich's ratio_reduce(excess, [1]*n, widths, widths).
    private static int[] RatioReduce(int excess, int[] widths)
    {
        var result = (int[])widths.Clone();
        var ratioLeft = widths.Count(w => w > 0);
        for (var i = 0; i < widths.Length && ratioLeft > 0; i++)
        {
            if (widths[i] == 0)
            {
                continue;
            }

            var cut = (int)Math.Min(widths[i], Math.Round((double)excess / ratioLeft, MidpointRounding.ToEven));
            result[i] -= cut;
            excess -= cut;
            ratioLeft--;
        }

        return result;
    }

    // rich's ratio_distribute(total, widths): shares are rounded up, front to back.
    private static int[] RatioDistribute(int total, int[] ratios)
    {
        var result = new int[ratios.Length];
        var ratioLeft = ratios.Sum();
        for (var i = 0; i < ratios.Length; i++)
        {
            result[i] = ratioLeft > 0 ? (int)Math.Ceiling((double)ratios[i] * total / ratioLeft) : total;
            ratioLeft -= ratios[i];
            total -= result[i];
        }

        return result;
    }

    private void Rule(StringBuilder sb, char left, char line, char divider, char right)
    {
        sb.Append(left);
        for (var i = 0; i < _widths.Length; i++)
        {
            sb.Append(i == 0 ? string.Empty : divider.ToString()).Append(line, _widths[i]);
        }

        sb.Append(right).Append('\n');
    }

    private void Row(StringBuilder sb, IReadOnlyList<string> cells, char border, bool alignBottom)
    {
        var columns = _widths.Select((w, i) => SummaryCellText.Wrap(i < cells.Count ? cells[i] : string.Empty, w - 2, _justify[i])).ToArray();
        var height = columns.Max(c => c.Count);
        for (var line = 0; line < height; line++)
        {
            sb.Append(border);
            for (var i = 0; i < columns.Length; i++)
            {
                var lines = columns[i];
                var index = alignBottom ? line - (height - lines.Count) : line;
                var text = index >= 0 && index < lines.Count ? lines[index] : string.Empty;
                var width = _widths[i];
                sb.Append(i == 0 ? string.Empty : border.ToString());
                sb.Append(width < 2 ? new string(' ', width) : $" {text.PadRight(width - 2)} ");
            }

            sb.Append(border).Append('\n');
        }
    }
}
