using System.Globalization;

namespace DeepKeras.Examples.TextRnn;

/// <summary>Command-line options of the example.</summary>
internal sealed record Options(int Epochs, int? Limit, int BatchSize, int Units, int MaxFeatures, int? Maxlen, double Clipnorm,
    string? DataDir, IReadOnlyList<string>? Classes, string Device, string? OutDir, int Seed)
{
    public const string Usage =
        "usage: dotnet run -c Release --project examples/TextRnn -- [--epochs N] [--limit N (train and test samples)] [--batch-size N]\n" +
        "         [--units N] [--max-features N] [--maxlen N] [--clipnorm X] [--data DIR] [--classes a,b,...]\n" +
        "         [--device auto|cpu|cuda] [--out DIR] [--seed N]\n" +
        "  corpus: IMDB when imdb.npz is in the Keras cache; else --data DIR (one subfolder of .txt files per label);\n" +
        "          else Debian's fortunes corpus (apt-get install fortunes), classified by topic file.";

    public static Options Parse(string[] args)
    {
        var o = new Options(Epochs: 3, Limit: null, BatchSize: 32, Units: 64, MaxFeatures: 20000, Maxlen: null, Clipnorm: 1.0,
            DataDir: null, Classes: null, Device: "auto", OutDir: null, Seed: 42);
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
                "--units" => o with { Units = Positive("--units") },
                "--max-features" => o with { MaxFeatures = Positive("--max-features") },
                "--maxlen" => o with { Maxlen = Positive("--maxlen") },
                "--clipnorm" => o with { Clipnorm = PositiveDouble(Value()) },
                "--data" => o with { DataDir = Value() },
                "--classes" => o with { Classes = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--device" => o with { Device = Value() },
                "--out" => o with { OutDir = Value() },
                "--seed" => o with { Seed = Positive("--seed") },
                "-h" or "--help" => throw new ArgumentException("help"),
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        return o;
    }

    private static double PositiveDouble(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x > 0
            ? x
            : throw new ArgumentException($"Option --clipnorm expects a positive number. Received: {text}");
}
