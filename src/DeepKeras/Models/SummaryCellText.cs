using System.Text.RegularExpressions;

namespace DeepKeras.Models;

/// <summary>How a summary cell's text is aligned inside its column.</summary>
internal enum CellJustify
{
    Left,
    Right,
    Center,
}

/// <summary>
/// Word-wraps one table cell the way rich does for a column with overflow "ellipsis" (Keras's summary): lines break
/// before a word that does not fit, a word wider than the column stays on its own line and is cut to
/// <c>width − 1</c> characters plus <c>…</c>, and every line is justified to exactly <c>width</c> characters.
/// </summary>
internal static partial class SummaryCellText
{
    /// <summary>Returns the lines of <paramref name="text"/>, each exactly <paramref name="width"/> characters.</summary>
    public static List<string> Wrap(string text, int width, CellJustify justify)
    {
        if (width < 1)
        {
            return [string.Empty];
        }

        var lines = new List<string>();
        var start = 0;
        foreach (var end in BreakOffsets(text, width).Append(text.Length))
        {
            lines.Add(Justify(TrimExcessWhitespace(text[start..end], width), width, justify));
            start = end;
        }

        return lines;
    }

    // rich's divide_line(fold=False): a "word" is optional leading whitespace, non-space characters and the whitespace
    // after them; the trailing whitespace does not count when checking whether the word fits.
    private static List<int> BreakOffsets(string text, int width)
    {
        var breaks = new List<int>();
        var offset = 0;
        for (var m = Word().Match(text); m.Success; m = m.NextMatch())
        {
            var length = m.Value.TrimEnd().Length;
            if (width - offset >= length)
            {
                offset += m.Length;
            }
            else if (length > width || (offset > 0 && m.Index > 0))
            {
                if (m.Index > 0)
                {
                    breaks.Add(m.Index);
                }

                offset = m.Length;
            }
        }

        return breaks;
    }

    // rich's rstrip_end: drop trailing whitespace only as far as it sticks out past the width.
    private static string TrimExcessWhitespace(string line, int width)
    {
        var excess = line.Length - width;
        if (excess <= 0)
        {
            return line;
        }

        var whitespace = line.Length - line.TrimEnd().Length;
        return line[..^Math.Min(whitespace, excess)];
    }

    private static string Justify(string line, int width, CellJustify justify)
    {
        if (justify == CellJustify.Left)
        {
            return Truncate(line, width).PadRight(width);
        }

        line = Truncate(line.TrimEnd(), width);
        return justify == CellJustify.Right
            ? line.PadLeft(width)
            : line.PadLeft(line.Length + ((width - line.Length) / 2)).PadRight(width);
    }

    private static string Truncate(string line, int width) => line.Length > width ? line[..(width - 1)] + "…" : line;

    [GeneratedRegex(@"\G\s*\S+\s*")]
    private static partial Regex Word();
}
