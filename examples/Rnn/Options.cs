using System.Globalization;

namespace DeepKeras.Examples.Rnn;

/// <summary>Command-line options of the example.</summary>
internal sealed record Options(int Epochs, int? Limit, int BatchSize, int Units, string Device, string? OutDir, int Seed)
{
    public const string Usage =
        "usage: dotnet run -c Release --project examples/Rnn -- [--epochs N] [--limit N (train and test samples)] [--batch-size N] [--units N] " +
        "[--device auto|cpu|cuda] [--out DIR] [--seed N]";

    public static Options Parse(string[] args)
    {
        var o = new Options(Epochs: 12, Limit: null, BatchSize: 128, Units: 64, Device: "auto", OutDir: null, Seed: 42);
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
