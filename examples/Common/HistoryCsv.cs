using System.Globalization;
using DeepKeras.Callbacks;

namespace DeepKeras.Examples;

/// <summary>Writes a training History as CSV: one row per epoch, one column per metric (like Keras's CSVLogger).</summary>
internal static class HistoryCsv
{
    public static void Write(History history, string path)
    {
        var keys = history.HistoryData.Keys.Order(StringComparer.Ordinal).ToList();
        var lines = new List<string> { string.Join(",", ["epoch", .. keys]) };
        for (var i = 0; i < history.Epoch.Count; i++)
        {
            var row = keys.Select(k => history.HistoryData[k][i].ToString("R", CultureInfo.InvariantCulture));
            lines.Add(string.Join(",", [history.Epoch[i].ToString(CultureInfo.InvariantCulture), .. row]));
        }

        File.WriteAllLines(path, lines);
    }
}
