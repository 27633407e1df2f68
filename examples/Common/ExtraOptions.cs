using System.Globalization;

namespace DeepKeras.Examples;

/// <summary>
/// Options an example takes on top of <see cref="ExampleOptions"/> (e.g. <c>--noise gaussian</c>): they are taken out
/// of the command line first, and the rest goes to <see cref="ExampleOptions.TryParse"/>.
/// </summary>
internal sealed class ExtraOptions
{
    private readonly Dictionary<string, string> _values;

    private ExtraOptions(Dictionary<string, string> values) => _values = values;

    /// <summary>Removes the named options and their values from <paramref name="args"/>.</summary>
    /// <param name="args">The command line; on return, without the named options.</param>
    /// <param name="names">The option names this example accepts, e.g. <c>--noise</c>.</param>
    /// <exception cref="ArgumentException">A named option without a value.</exception>
    public static ExtraOptions Extract(ref string[] args, params string[] names)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (names.Contains(args[i], StringComparer.Ordinal))
            {
                values[args[i]] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {args[i]} needs a value.");
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        args = [.. rest];
        return new ExtraOptions(values);
    }

    /// <summary>The value of a string option restricted to <paramref name="allowed"/>, or its default.</summary>
    public string Choice(string name, string fallback, params string[] allowed) =>
        !_values.TryGetValue(name, out var v) ? fallback
        : allowed.Contains(v, StringComparer.Ordinal) ? v
        : throw new ArgumentException($"Option {name} expects one of: {string.Join(", ", allowed)}. Received: {v}");

    /// <summary>The value of an integer option in [<paramref name="min"/>, <paramref name="max"/>], or its default.</summary>
    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue) =>
        !_values.TryGetValue(name, out var text) ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v
        : throw new ArgumentException($"Option {name} expects an integer in [{min}, {max}]. Received: {text}");

    /// <summary>The value of a number option in [<paramref name="min"/>, <paramref name="max"/>], or its default.</summary>
    public double Number(string name, double fallback, double min, double max) =>
        !_values.TryGetValue(name, out var text) ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v
        : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Option {name} expects a number in [{min}, {max}]. Received: {text}"));

    /// <summary>The value of a positive number option, or its default.</summary>
    public double PositiveNumber(string name, double fallback) =>
        !_values.TryGetValue(name, out var text) ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v) ? v
        : throw new ArgumentException($"Option {name} expects a positive number. Received: {text}");

    /// <summary>The value of a string option, or null when absent.</summary>
    public string? Text(string name) => _values.GetValueOrDefault(name);
}
