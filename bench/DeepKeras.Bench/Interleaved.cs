using System.Globalization;
using TorchSharp;

namespace DeepKeras.Bench;

/// <summary>Runs a DeepKeras epoch and a raw TorchSharp epoch in alternating order and reports the rates and their ratio.</summary>
internal static class Interleaved
{
    /// <summary>
    /// A warm-up round that also counts the tensors each side creates per step, then <paramref name="rounds"/> rounds;
    /// prints each round, the medians and the line <c>RATIO fit_vs_raw=…</c>. Each round's two epochs run back to back
    /// under the same machine load, so the median of the per-round ratios is the figure reported; the ratio of the
    /// two medians is printed beside it.
    /// </summary>
    public static void Run(int rounds, long stepsPerEpoch, Func<double> fitEpoch, Func<double> rawEpoch)
    {
        var fitTensors = TensorsCreated(fitEpoch, out var fitWarm) / (double)stepsPerEpoch;
        var rawTensors = TensorsCreated(rawEpoch, out var rawWarm) / (double)stepsPerEpoch;
        Console.WriteLine(Format("warm-up", fitWarm, rawWarm));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tensors created per step: fit {fitTensors:0.0}, raw {rawTensors:0.0}"));

        var fit = new List<double>();
        var raw = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            // Alternate which side goes first so a load change inside a round does not favour one side.
            double f, r;
            if (round % 2 == 1)
            {
                f = fitEpoch();
                r = rawEpoch();
            }
            else
            {
                r = rawEpoch();
                f = fitEpoch();
            }

            fit.Add(f);
            raw.Add(r);
            Console.WriteLine(Format($"round {round}", f, r));
        }

        var fitMedian = Stats.Median(fit);
        var rawMedian = Stats.Median(raw);
        var paired = Stats.Median(fit.Zip(raw, (f, r) => f / r).ToList());
        Console.WriteLine(Format("median", fitMedian, rawMedian));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of per-round ratios {paired:0.000}; ratio of medians {fitMedian / rawMedian:0.000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RATIO fit_vs_raw={paired:0.00}"));
    }

    // Every tensor object TorchSharp creates is counted, so the difference shows the per-step overhead of Fit's
    // bookkeeping (metrics, loss tracker, batching) in operations.
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
