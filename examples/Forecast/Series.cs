using System.Globalization;

namespace DeepKeras.Examples.Forecast;

/// <summary>A univariate time series read from a CSV file: time labels and values in time order.</summary>
internal sealed record Series(string Name, IReadOnlyList<string> Times, IReadOnlyList<double> Values)
{
    /// <summary>Where Debian's python3-statsmodels keeps its datasets as CSV.</summary>
    public const string StatsmodelsDir = "/usr/lib/python3/dist-packages/statsmodels/datasets";

    /// <summary>The CSV of a statsmodels dataset: <c>sunspots</c> (yearly 1700–2008) or <c>co2</c> (weekly Mauna Loa, 1958–2001).</summary>
    public static string StatsmodelsCsv(string name) => name switch
    {
        "sunspots" or "co2" => Path.Combine(StatsmodelsDir, name, name + ".csv"),
        _ => throw new ArgumentException($"Unknown --series '{name}'; expected sunspots or co2 (or give --csv FILE)."),
    };

    /// <summary>
    /// Reads a CSV with a header line: the first column is the time label, the last the value. Missing values (empty
    /// cells, as co2 has) are filled by linear interpolation between their neighbours.
    /// </summary>
    public static Series Read(string path, string name)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{path} not found. Install Debian's python3-statsmodels (apt-get install python3-statsmodels, or ./build.sh setup), or give --csv FILE.", path);
        }

        var times = new List<string>();
        var values = new List<double?>();
        foreach (var line in File.ReadLines(path).Skip(1).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            var cells = line.Split(',');
            times.Add(cells[0].Trim('"', ' '));
            var cell = cells[^1].Trim('"', ' ');
            values.Add(double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null);
        }

        var known = Enumerable.Range(0, values.Count).Where(i => values[i] is not null).ToArray();
        if (known.Length < 2)
        {
            throw new InvalidDataException($"{path} has fewer than two numeric values in its last column.");
        }

        var filled = new double[values.Count];
        for (var i = 0; i < filled.Length; i++)
        {
            var right = Array.FindIndex(known, k => k >= i);
            filled[i] = right < 0 ? values[known[^1]]!.Value
                : known[right] == i || right == 0 ? values[known[right]]!.Value
                : Interpolate(known[right - 1], known[right], i);
        }

        return new Series(name, times, filled);

        double Interpolate(int a, int b, int i) => values[a]!.Value + ((values[b]!.Value - values[a]!.Value) * (i - a) / (b - a));
    }

    /// <summary>
    /// Training pairs for next-step forecasting: for each target index t, the <paramref name="window"/> values before t
    /// → the value at t, both standardized as (v − <paramref name="mean"/>) / <paramref name="std"/>.
    /// </summary>
    /// <returns>Inputs (targets, window, 1) and targets (targets, 1).</returns>
    public (float[,,] X, float[,] Y) Windows(IReadOnlyList<int> targets, int window, double mean, double std)
    {
        var x = new float[targets.Count, window, 1];
        var y = new float[targets.Count, 1];
        for (var i = 0; i < targets.Count; i++)
        {
            for (var k = 0; k < window; k++)
            {
                x[i, k, 0] = (float)((Values[targets[i] - window + k] - mean) / std);
            }

            y[i, 0] = (float)((Values[targets[i]] - mean) / std);
        }

        return (x, y);
    }
}
