using System.Globalization;

namespace DeepKeras.Examples;

/// <summary>
/// The command-line options every example takes: <c>--epochs</c>, <c>--limit</c> (training samples), <c>--batch-size</c>,
/// <c>--device auto|cpu|cuda</c>, <c>--out DIR</c> and <c>--seed</c>.
/// </summary>
internal sealed record ExampleOptions(int Epochs, int? Limit, int BatchSize, string Device, string? OutDir, int Seed)
{
    /// <summary>Parses the arguments over the example's defaults.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="defaults">The example's defaults.</param>
    /// <exception cref="ArgumentException">An unknown option or a bad value; the message <c>help</c> for -h/--help.</exception>
    public static ExampleOptions Parse(string[] args, ExampleOptions defaults)
    {
        var o = defaults;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {args[i]} needs a value.");
            int Positive(string name)
            {
                var text = Value();
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                    ? n
                    : throw new ArgumentException($"Option {name} expects a positive integer. Received: {text}");
            }

            o = args[i] switch
            {
                "--epochs" => o with { Epochs = Positive("--epochs") },
                "--limit" => o with { Limit = Positive("--limit") },
                "--batch-size" => o with { BatchSize = Positive("--batch-size") },
                "--device" => o with { Device = Value() },
                "--out" => o with { OutDir = Value() },
                "--seed" => o with { Seed = Positive("--seed") },
                "-h" or "--help" => throw new ArgumentException("help"),
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        return o;
    }

    /// <summary>
    /// Parses the arguments and selects the device; on a bad option prints the message and the usage to stderr.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="defaults">The example's defaults.</param>
    /// <param name="usage">The usage line.</param>
    /// <param name="options">The parsed options, or null when the program should exit.</param>
    /// <returns>The exit code to return when <paramref name="options"/> is null (0 after --help, 2 on a bad option).</returns>
    public static int TryParse(string[] args, ExampleOptions defaults, string usage, out ExampleOptions? options)
    {
        try
        {
            options = Parse(args, defaults);
            Keras.Backend.Device = Keras.Backend.ParseDevice(options.Device);
            return 0;
        }
        catch (ArgumentException e)
        {
            options = null;
            Console.Error.WriteLine(e.Message == "help" ? usage : $"{e.Message}\n{usage}");
            return e.Message == "help" ? 0 : 2;
        }
    }

    /// <summary>
    /// Parses an example's own options (<paramref name="extraNames"/>, read by <paramref name="readExtras"/>), then the
    /// common ones; on a bad option prints the message and the usage to stderr.
    /// </summary>
    /// <typeparam name="T">What <paramref name="readExtras"/> returns, e.g. a tuple of the example's settings.</typeparam>
    /// <param name="args">The command line.</param>
    /// <param name="defaults">The example's defaults.</param>
    /// <param name="usage">The usage line.</param>
    /// <param name="extraNames">The example's own option names, e.g. <c>--noise</c>.</param>
    /// <param name="readExtras">Reads the example's settings from its options (throws ArgumentException on a bad value).</param>
    /// <param name="options">The parsed common options, or null when the program should exit.</param>
    /// <param name="extras">The example's settings (default when <paramref name="options"/> is null).</param>
    /// <returns>The exit code to return when <paramref name="options"/> is null (0 after --help, 2 on a bad option).</returns>
    public static int TryParse<T>(string[] args, ExampleOptions defaults, string usage, string[] extraNames,
        Func<ExtraOptions, T> readExtras, out ExampleOptions? options, out T extras)
    {
        try
        {
            extras = readExtras(ExtraOptions.Extract(ref args, extraNames));
        }
        catch (ArgumentException e)
        {
            (options, extras) = (null, default!);
            Console.Error.WriteLine($"{e.Message}\n{usage}");
            return 2;
        }

        return TryParse(args, defaults, usage, out options);
    }

    /// <summary>Formats the last line scripts read: <c>RESULT test_accuracy=0.9234 train_seconds=512.3</c>.</summary>
    /// <param name="testAccuracy">The test accuracy.</param>
    /// <param name="trainSeconds">The seconds spent in <c>Fit</c>.</param>
    public static string ResultLine(double testAccuracy, double trainSeconds) =>
        string.Create(CultureInfo.InvariantCulture, $"RESULT test_accuracy={testAccuracy:0.0000} train_seconds={trainSeconds:0.0}");
}
