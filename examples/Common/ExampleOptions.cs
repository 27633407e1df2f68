using System.Globalization;

namespace DeepKeras.Examples;

/// <summary>
/// The command-line options every example takes: <c>--epochs</c>, <c>--limit</c> (training samples), <c>--batch-size</c>,
/// <c>--device auto|cpu|cuda</c>, <c>--out DIR</c> and <c>--seed</c>. An example states its defaults with this record.
/// </summary>
internal sealed record ExampleOptions(int Epochs, int BatchSize, string? OutDir = null, int? Limit = null, string Device = "auto", int Seed = 42)
{
    /// <summary>The usage text of the common options.</summary>
    public const string Usage = "[--epochs N] [--limit N] [--batch-size N] [--device auto|cpu|cuda] [--out DIR] [--seed N]";

    /// <summary>Parses the common options over the example's defaults.</summary>
    /// <param name="args">The command line without the example's own options.</param>
    /// <param name="defaults">The example's defaults.</param>
    /// <returns>The options, or null when -h/--help was given.</returns>
    /// <exception cref="ArgumentException">An unknown option or a bad value.</exception>
    public static ExampleOptions? Parse(IReadOnlyList<string> args, ExampleOptions defaults)
    {
        var o = defaults;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Option {args[i]} needs a value.");
            int Positive(string name)
            {
                var text = Value();
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                    ? n
                    : throw new ArgumentException($"Option {name} expects a positive integer. Received: {text}");
            }

            switch (args[i])
            {
                case "-h" or "--help":
                    return null;
                case "--epochs":
                    o = o with { Epochs = Positive("--epochs") };
                    break;
                case "--limit":
                    o = o with { Limit = Positive("--limit") };
                    break;
                case "--batch-size":
                    o = o with { BatchSize = Positive("--batch-size") };
                    break;
                case "--device":
                    o = o with { Device = Value() };
                    break;
                case "--out":
                    o = o with { OutDir = Value() };
                    break;
                case "--seed":
                    o = o with { Seed = Positive("--seed") };
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        return o;
    }
}
