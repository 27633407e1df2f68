using System.Diagnostics;
using System.Globalization;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Training;
using DeepKeras.Utils;
using static TorchSharp.torch;

namespace DeepKeras.Bench;

/// <summary>
/// Times an epoch of <c>Fit</c> on a <see cref="PyDataset"/> whose <c>GetItem</c> sleeps (a stand-in for slow loading or
/// decoding), with 1 worker (batches made on the training thread) and with 2 workers (made ahead on background threads):
/// with prefetching the sleeps overlap each other and the training steps, so the epoch takes about half as long.
/// </summary>
internal static class PrefetchBench
{
    private const int Batches = 50;
    private const int BatchSize = 32;
    private const int SleepMs = 20;

    public static void Run(BenchOptions options)
    {
        Console.WriteLine($"prefetch: {Batches} batches of {BatchSize}, GetItem sleeps {SleepMs} ms, best of {options.Rounds} epochs");
        var one = Best(workers: 1, options.Rounds);
        var two = Best(workers: 2, options.Rounds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"workers 1: {one:0.000} s/epoch"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"workers 2: {two:0.000} s/epoch"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RATIO prefetch_workers1_vs_workers2={one / two:0.00}"));
    }

    private static double Best(int workers, int rounds)
    {
        var model = new Sequential(new Dense(64, activation: "relu", inputShape: 32), new Dense(10, activation: "softmax"));
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy");
        var data = new SlowBatches(workers);
        model.Fit(data, epochs: 1, verbose: 0); // warm-up
        var best = double.MaxValue;
        for (var r = 0; r < rounds; r++)
        {
            var watch = Stopwatch.StartNew();
            model.Fit(data, epochs: 1, verbose: 0);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return best;
    }

    /// <summary>Random batches, each made after a sleep of <see cref="SleepMs"/>.</summary>
    private sealed class SlowBatches(int workers) : PyDataset(workers: workers)
    {
        private readonly Tensor _x = rand(Batches * BatchSize, 32);
        private readonly Tensor _y = randint(0, 10, Batches * BatchSize);

        public override int Count => Batches;

        public override DataBatch GetItem(int index)
        {
            Thread.Sleep(SleepMs);
            var low = index * BatchSize;
            return (_x.narrow(0, low, BatchSize), _y.narrow(0, low, BatchSize));
        }
    }
}
