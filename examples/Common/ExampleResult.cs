using System.Globalization;
using DeepKeras.Callbacks;

namespace DeepKeras.Examples;

/// <summary>
/// What an example reports: its numbers and settings for the <c>RESULT key=value …</c> line (scripts read it) and the
/// History written to <c>history.csv</c>.
/// </summary>
/// <param name="History">The training history to write as CSV, or null.</param>
/// <param name="Values">Key/value pairs in order; doubles are written with 4 decimals, text with spaces in quotes.</param>
internal sealed record ExampleResult(History? History, params (string Key, object Value)[] Values)
{
    /// <summary>Formats <c>RESULT k1=v1 k2=v2 … train_seconds=S</c> with invariant-culture numbers.</summary>
    /// <param name="trainSeconds">The seconds spent in <c>Fit</c>.</param>
    public string Line(double trainSeconds) =>
        "RESULT " + string.Join(" ", Values.Select(kv => $"{kv.Key}={Format(kv.Value)}")
            .Append(string.Create(CultureInfo.InvariantCulture, $"train_seconds={trainSeconds:0.0}")));

    private static string Format(object value) => value switch
    {
        double d => d.ToString("F4", CultureInfo.InvariantCulture),
        float f => f.ToString("F4", CultureInfo.InvariantCulture),
        string s when s.Any(char.IsWhiteSpace) => $"\"{s}\"",
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
