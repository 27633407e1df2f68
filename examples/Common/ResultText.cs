using System.Globalization;

namespace DeepKeras.Examples;

/// <summary>Formats the <c>RESULT key=value …</c> line that ends every example, with invariant-culture numbers.</summary>
internal static class ResultText
{
    /// <summary>Formats <c>RESULT k1=v1 k2=v2 …</c>; doubles with <paramref name="digits"/> decimals.</summary>
    /// <param name="values">Key/value pairs in order.</param>
    /// <param name="digits">Decimals for doubles (default 4).</param>
    public static string Line(IEnumerable<(string Key, object Value)> values, int digits = 4) =>
        "RESULT " + string.Join(" ", values.Select(kv => $"{kv.Key}={Format(kv.Value, digits)}"));

    private static string Format(object value, int digits) => value switch
    {
        double d => d.ToString("F" + digits, CultureInfo.InvariantCulture),
        float f => f.ToString("F" + digits, CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
