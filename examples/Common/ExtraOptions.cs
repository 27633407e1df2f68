using System.Globalization;

namespace DeepKeras.Examples;

/// <summary>
/// Reads the options an example takes on top of <see cref="ExampleOptions"/> (e.g. <c>--noise gaussian</c>). Each
/// reader names its option, its default and its valid values; <see cref="Example"/> calls the example's reading function
/// once without values to learn the names and the usage text, then once with the values taken out of the command line.
/// </summary>
internal sealed class ExtraOptions
{
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly List<string> _names = [];
    private readonly List<string> _usage = [];

    private ExtraOptions(IReadOnlyDictionary<string, string> values) => _values = values;

    /// <summary>Gets the option names read so far, in order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Gets the usage text of the options read so far, e.g. <c>[--noise gaussian|dropout] [--noise-level X]</c>.</summary>
    public string Usage => string.Join(" ", _usage);

    /// <summary>Runs <paramref name="read"/> without values: it returns the defaults and declares the names and usage.</summary>
    /// <param name="read">The example's reading function.</param>
    public static ExtraOptions Declare<T>(Func<ExtraOptions, T> read)
    {
        var declared = new ExtraOptions(new Dictionary<string, string>());
        read(declared);
        return declared;
    }

    /// <summary>Takes the declared options and their values out of <paramref name="args"/>.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="rest">The command line without the declared options.</param>
    /// <returns>The options holding the values given.</returns>
    /// <exception cref="ArgumentException">A declared option without a value.</exception>
    public ExtraOptions Extract(IReadOnlyList<string> args, out List<string> rest)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        rest = [];
        for (var i = 0; i < args.Count; i++)
        {
            if (_names.Contains(args[i], StringComparer.Ordinal))
            {
                values[args[i]] = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Option {args[i]} needs a value.");
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        return new ExtraOptions(values);
    }

    /// <summary>The value of a string option restricted to <paramref name="allowed"/>, or its default.</summary>
    public string Choice(string name, string fallback, params string[] allowed) =>
        !Read(name, string.Join("|", allowed), out var v) ? fallback
        : allowed.Contains(v, StringComparer.Ordinal) ? v
        : throw new ArgumentException($"Option {name} expects one of: {string.Join(", ", allowed)}. Received: {v}");

    /// <summary>The value of an integer option in [<paramref name="min"/>, <paramref name="max"/>], or its default.</summary>
    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue) =>
        IntOrNull(name, min, max) ?? fallback;

    /// <summary>The value of an integer option in [<paramref name="min"/>, <paramref name="max"/>], or null when absent.</summary>
    public int? IntOrNull(string name, int min = int.MinValue, int max = int.MaxValue) =>
        !Read(name, "N", out var text) ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v
        : throw new ArgumentException($"Option {name} expects an integer in [{min}, {max}]. Received: {text}");

    /// <summary>The value of a number option in [<paramref name="min"/>, <paramref name="max"/>], or its default.</summary>
    public double Number(string name, double fallback, double min = 0, double max = double.MaxValue) =>
        !Read(name, "X", out var text) ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v
        : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Option {name} expects a number in [{min}, {max}]. Received: {text}"));

    /// <summary>The value of a positive number option, or its default.</summary>
    public double PositiveNumber(string name, double fallback) =>
        !Read(name, "X", out var text) ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v) ? v
        : throw new ArgumentException($"Option {name} expects a positive number. Received: {text}");

    /// <summary>The value of a string option, or null when absent.</summary>
    /// <param name="name">The option, e.g. <c>--csv</c>.</param>
    /// <param name="placeholder">What the value is, for the usage text, e.g. <c>FILE</c>.</param>
    public string? Text(string name, string placeholder) => Read(name, placeholder, out var v) ? v : null;

    private bool Read(string name, string placeholder, out string value)
    {
        if (!_names.Contains(name, StringComparer.Ordinal))
        {
            _names.Add(name);
            _usage.Add($"[{name} {placeholder}]");
        }

        return _values.TryGetValue(name, out value!);
    }
}
