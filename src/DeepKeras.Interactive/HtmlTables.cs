using System.Globalization;
using System.Net;
using System.Text;
using DeepKeras.Callbacks;
using DeepKeras.Models;

namespace DeepKeras.Interactive;

/// <summary>HTML (and plain-text) tables for model summaries and training histories.</summary>
public static class HtmlTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// The summary of a model as an HTML table: a <c>Model: "name"</c> caption, one row per layer with the cells of
    /// Keras's text table (parameter counts right-aligned), then the parameter counts.
    /// </summary>
    /// <param name="summary">From <see cref="Model.ToSummaryData"/>.</param>
    /// <returns>An HTML fragment.</returns>
    public static string Summary(ModelSummaryData summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var sb = new StringBuilder();
        sb.Append("<div class=\"deepkeras-summary\">");
        sb.Append("<table style=\"border-collapse: collapse; font-family: monospace;\">");
        sb.Append("<caption style=\"text-align: left; font-weight: bold; padding-bottom: 4px;\">Model: \"")
          .Append(Encode(summary.ModelName)).Append("\"</caption>");
        sb.Append("<thead><tr>");
        foreach (var header in summary.Headers)
        {
            sb.Append("<th style=\"").Append(Align(header)).Append(" border-bottom: 2px solid; padding: 2px 10px;\">")
              .Append(Encode(header)).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var row in summary.Rows)
        {
            sb.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                var header = i < summary.Headers.Count ? summary.Headers[i] : "";
                sb.Append("<td style=\"").Append(Align(header)).Append(" border-bottom: 1px solid #ccc; padding: 2px 10px; white-space: pre;\">")
                  .Append(Encode(row[i])).Append("</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table>");
        sb.Append("<table style=\"font-family: monospace; margin-top: 4px;\"><tbody>");
        foreach (var count in summary.ParamCounts)
        {
            sb.Append("<tr><td style=\"text-align: left; padding: 0 10px 0 0;\"><b>").Append(Encode(count.Label)).Append(":</b></td>")
              .Append("<td style=\"text-align: right; padding: 0 10px;\">").Append(count.Count.ToString("N0", Invariant)).Append("</td>")
              .Append("<td style=\"text-align: left;\">(").Append(Encode(count.Size)).Append(")</td></tr>");
        }

        sb.Append("</tbody></table></div>");
        return sb.ToString();
    }

    /// <summary>
    /// A training history as an HTML table: one row per epoch (counted from 1, as the progress bar counts), one column
    /// per metric: <c>loss</c> first, the other training metrics, then the <c>val_</c> ones; values with 4 decimals.
    /// </summary>
    /// <param name="history">The history returned by <c>Fit</c>.</param>
    /// <returns>An HTML fragment.</returns>
    public static string History(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var (columns, epochs) = Layout(history);
        var sb = new StringBuilder();
        sb.Append("<table class=\"deepkeras-history\" style=\"border-collapse: collapse; font-family: monospace;\"><thead><tr>");
        sb.Append("<th style=\"text-align: right; border-bottom: 2px solid; padding: 2px 10px;\">epoch</th>");
        foreach (var name in columns)
        {
            sb.Append("<th style=\"text-align: right; border-bottom: 2px solid; padding: 2px 10px;\">").Append(Encode(name)).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        for (var row = 0; row < epochs.Count; row++)
        {
            sb.Append("<tr><td style=\"text-align: right; padding: 2px 10px;\">").Append(epochs[row].ToString(Invariant)).Append("</td>");
            foreach (var name in columns)
            {
                sb.Append("<td style=\"text-align: right; padding: 2px 10px;\">").Append(Cell(history, name, row, epochs.Count)).Append("</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table>");
        return sb.ToString();
    }

    /// <summary>The same table as <see cref="History(Callbacks.History)"/> in plain text, columns aligned.</summary>
    /// <param name="history">The history returned by <c>Fit</c>.</param>
    /// <returns>One line per epoch after a header line; every line ends with <c>\n</c>.</returns>
    public static string HistoryText(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var (columns, epochs) = Layout(history);
        var header = new List<string> { "epoch" };
        header.AddRange(columns);
        var rows = new List<List<string>> { header };
        for (var row = 0; row < epochs.Count; row++)
        {
            var cells = new List<string> { epochs[row].ToString(Invariant) };
            cells.AddRange(columns.Select(name => Cell(history, name, row, epochs.Count)));
            rows.Add(cells);
        }

        var widths = Enumerable.Range(0, header.Count).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var cells in rows)
        {
            sb.Append(string.Join("  ", cells.Select((c, i) => c.PadLeft(widths[i])))).Append('\n');
        }

        return sb.ToString();
    }

    private static (List<string> Columns, List<int> Epochs) Layout(History history)
    {
        var keys = history.HistoryData.Keys.ToList();
        var train = keys.Where(k => !k.StartsWith("val_", StringComparison.Ordinal)).ToList();
        var columns = train.Where(k => k == "loss").Concat(train.Where(k => k != "loss")).ToList();
        columns.AddRange(columns.Select(k => "val_" + k).Where(keys.Contains).ToList());
        columns.AddRange(keys.Where(k => !columns.Contains(k)));
        var count = history.HistoryData.Values.Select(v => v.Count).DefaultIfEmpty(0).Max();
        var epochs = history.Epoch.Count == count
            ? history.Epoch.Select(e => e + 1).ToList()
            : Enumerable.Range(1, count).ToList();
        return (columns, epochs);
    }

    // Validation with validationFreq > 1 records fewer values than epochs: they belong to the last epochs of each period.
    private static string Cell(History history, string name, int row, int rows)
    {
        var values = history.HistoryData[name];
        if (values.Count == rows)
        {
            return Format(values[row]);
        }

        var every = values.Count == 0 ? 0 : rows / values.Count;
        return every > 0 && (row + 1) % every == 0 && ((row + 1) / every) - 1 < values.Count
            ? Format(values[((row + 1) / every) - 1])
            : "";
    }

    private static string Format(double value) => double.IsFinite(value) ? value.ToString("F4", Invariant) : value.ToString(Invariant);

    private static string Align(string header) => header == "Param #" ? "text-align: right;" : "text-align: left;";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
