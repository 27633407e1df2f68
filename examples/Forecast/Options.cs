using System.Globalization;

namespace DeepKeras.Examples.Forecast;

/// <summary>Command-line options of the example.</summary>
internal sealed record Options(int Epochs, int? Limit, int BatchSize, int Units, int Window, string Series, string? CsvPath,
    string Device, string? OutDir, int Seed)
{
    public const string Usage =
        "usage: dotnet run -c Release --project examples/Forecast -- [--epochs N] [--limit N (training windows)] [--batch-size N]\n" +
        "         [--units N] [--window N] [--series sunspots|co2] [--csv FILE] [--device auto|cpu|cuda] [--out DIR] [--seed N]\n" +
        "  series: statsmodels' data files from Debian's python3-statsmodels (apt-get install python3-statsmodels),\n" +
        "          or --csv FILE: a header line, then rows whose last column is the value (time order).";

    public static Options Parse(string[] args)
    {
        var o = new Options(Epochs: 60, Limit: null, BatchSize: 16, Units: 32, Window: 12, Series: "sunspots", CsvPath: null,
            Device: "auto", OutDir: null, Seed: 42);
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
                "--window" => o with { Window = Positive("--window") },
                "--series" => o with { Series = Value() },
                "--csv" => o with { CsvPath = Value() },
                "--device" => o with { Device = Value() },
                "--out" => o with { OutDir = Value() },
                "--seed" => o with { Seed = Positive("--seed") },
                "-h" or "--help" => throw new ArgumentException("help"),
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        return o;
    }
}
