using System.Globalization;

namespace DeepKeras.Bench;

/// <summary>Command-line options shared by the benchmarks.</summary>
internal sealed record BenchOptions(int Rounds, int? Limit, int? Epochs, int? Threads, int BatchSize, int? Models = null)
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/DeepKeras.Bench -- mlp|convnet|lstm|memory|models|models-nodispose|distributed|prefetch [--rounds N] [--limit N] [--epochs N] [--threads N] [--batch-size N] [--models N]";

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions(Rounds: 3, Limit: null, Epochs: null, Threads: null, BatchSize: 128);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            var text = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {name} needs a value.");
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                throw new ArgumentException($"Option {name} expects a positive integer. Received: {text}");
            }

            o = name switch
            {
                "--rounds" => o with { Rounds = n },
                "--limit" => o with { Limit = n },
                "--epochs" => o with { Epochs = n },
                "--threads" => o with { Threads = n },
                "--batch-size" => o with { BatchSize = n },
                "--models" => o with { Models = n },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        return o;
    }
}
