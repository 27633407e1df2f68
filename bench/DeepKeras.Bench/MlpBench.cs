using System.Diagnostics;
using System.Globalization;
using DeepKeras.Layers;
using DeepKeras.Models;
using TorchSharp;

namespace DeepKeras.Bench;

/// <summary>
/// The Keras MNIST MLP (Dense 512 relu → Dropout 0.2 → Dense 512 relu → Dropout 0.2 → Dense 10 softmax; Adam;
/// sparse categorical cross-entropy; batch 128) on Fashion-MNIST: DeepKeras <c>Fit(verbose: 0)</c> against
/// <see cref="RawMlp"/>, one epoch each, interleaved so that both see the same machine load.
/// </summary>
internal static class MlpBench
{
    public static void Run(BenchOptions options)
    {
        var (x, y, source) = BenchData.Load(options.Limit);
        var n = x.shape[0];
        Console.WriteLine($"mlp: {source}, {n} samples, batch {options.BatchSize}, {options.Rounds} rounds of (1 epoch Fit, 1 epoch raw TorchSharp)");

        Keras.Utils.SetRandomSeed(1);
        var model = new Sequential(
            new InputLayer(784),
            new Dense(512, activation: "relu"),
            new Dropout(0.2),
            new Dense(512, activation: "relu"),
            new Dropout(0.2),
            new Dense(10, activation: "softmax"));
        model.Compile(optimizer: new Optimizers.Adam(), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var raw = new RawMlp();
        var rawShuffle = new Random(1);

        double FitEpoch()
        {
            var clock = Stopwatch.StartNew();
            model.Fit(x, y, batchSize: options.BatchSize, epochs: 1, verbose: 0);
            return n / clock.Elapsed.TotalSeconds;
        }

        double RawEpoch()
        {
            var clock = Stopwatch.StartNew();
            raw.TrainEpoch(x, y, options.BatchSize, rawShuffle);
            return n / clock.Elapsed.TotalSeconds;
        }

        var steps = (n + options.BatchSize - 1) / options.BatchSize;
        var fitTensors = TensorsCreated(() => FitEpoch(), out var fitWarm) / (double)steps;
        var rawTensors = TensorsCreated(() => RawEpoch(), out var rawWarm) / (double)steps;
        Console.WriteLine(Format("warm-up", fitWarm, rawWarm));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tensors created per step: fit {fitTensors:0.0}, raw {rawTensors:0.0}"));
        var fit = new List<double>();
        var rawRates = new List<double>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            // Alternate which side goes first so a load change inside a round does not favour one side.
            double f, r;
            if (round % 2 == 1)
            {
                f = FitEpoch();
                r = RawEpoch();
            }
            else
            {
                r = RawEpoch();
                f = FitEpoch();
            }

            fit.Add(f);
            rawRates.Add(r);
            Console.WriteLine(Format($"round {round}", f, r));
        }

        // Each round's two epochs ran back to back under the same machine load, so the median of the per-round ratios is
        // the robust figure on a shared machine; the ratio of the two medians is printed beside it.
        var fitMedian = Stats.Median(fit);
        var rawMedian = Stats.Median(rawRates);
        var pairedMedian = Stats.Median(fit.Zip(rawRates, (f, r) => f / r).ToList());
        Console.WriteLine(Format("median", fitMedian, rawMedian));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of per-round ratios {pairedMedian:0.000}; ratio of medians {fitMedian / rawMedian:0.000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RATIO fit_vs_raw={pairedMedian:0.00}"));
    }

    // Every tensor object TorchSharp creates on this thread is counted, so the difference shows the per-step overhead
    // of Fit's bookkeeping (metrics, loss tracker, batching) in operations.
    private static long TensorsCreated(Func<double> epoch, out double rate)
    {
        var stats = DisposeScopeManager.Statistics;
        var before = stats.CreatedInScopeCount + stats.CreatedOutsideScopeCount;
        rate = epoch();
        return stats.CreatedInScopeCount + stats.CreatedOutsideScopeCount - before;
    }

    private static string Format(string label, double fit, double raw) => string.Create(CultureInfo.InvariantCulture,
        $"{label,-8}  fit {fit,8:0} samples/s   raw {raw,8:0} samples/s   ratio {fit / raw:0.000}");
}
