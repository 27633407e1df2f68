using System.Globalization;
using TorchSharp;

namespace DeepKeras.Bench;

/// <summary>A raw TorchSharp baseline of a benchmark: its name in the report and one timed epoch (samples/s).</summary>
internal sealed record Baseline(string Name, Func<double> Epoch);

/// <summary>Runs a DeepKeras epoch and raw TorchSharp epochs in rotating order and reports the rates and their ratios.</summary>
internal static class Interleaved
{
    /// <summary>Runs with one raw baseline, reported as <c>RATIO fit_vs_raw=…</c>.</summary>
    public static void Run(int rounds, long stepsPerEpoch, Func<double> fitEpoch, Func<double> rawEpoch) =>
        Run(rounds, stepsPerEpoch, fitEpoch, new Baseline("raw", rawEpoch));

    /// <summary>
    /// A warm-up round that also counts the tensors each side creates per step, then <paramref name="rounds"/> rounds;
    /// prints each round, the medians and one line <c>RATIO fit_vs_&lt;baseline&gt;=…</c> per baseline. Each round's
    /// epochs run back to back under the same machine load, so the median of the per-round ratios is the figure
    /// reported; the ratio of the two medians is printed beside it.
    /// </summary>
    public static void Run(int rounds, long stepsPerEpoch, Func<double> fitEpoch, params Baseline[] baselines)
    {
        var sides = new List<(string Name, Func<double> Epoch)> { ("fit", fitEpoch) };
        sides.AddRange(baselines.Select(b => (b.Name, b.Epoch)));
        var warm = new double[sides.Count];
        var created = new double[sides.Count];
        for (var i = 0; i < sides.Count; i++)
        {
            created[i] = TensorsCreated(sides[i].Epoch, out warm[i]) / (double)stepsPerEpoch;
        }

        Console.WriteLine(Format("warm-up", sides, warm));
        Console.WriteLine("tensors created per step: " + string.Join(", ", sides.Select((s, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{s.Name} {created[i]:0.0}"))));

        var rates = sides.Select(_ => new List<double>()).ToArray();
        for (var round = 1; round <= rounds; round++)
        {
            // Rotate which side goes first so a load change inside a round does not favour one side.
            var rate = new double[sides.Count];
            for (var k = 0; k < sides.Count; k++)
            {
                var i = (k + round - 1) % sides.Count;
                rate[i] = sides[i].Epoch();
            }

            for (var i = 0; i < sides.Count; i++)
            {
                rates[i].Add(rate[i]);
            }

            Console.WriteLine(Format($"round {round}", sides, rate));
        }

        Console.WriteLine(Format("median", sides, rates.Select(Stats.Median).ToArray()));
        for (var i = 1; i < sides.Count; i++)
        {
            var paired = Stats.Median(rates[0].Zip(rates[i], (f, r) => f / r).ToList());
            var spread = rates[0].Zip(rates[i], (f, r) => f / r).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fit vs {sides[i].Name}: median of per-round ratios {paired:0.000} (rounds {spread.Min():0.000}-{spread.Max():0.000}); " +
                $"ratio of medians {Stats.Median(rates[0]) / Stats.Median(rates[i]):0.000}"));
        }

        for (var i = 1; i < sides.Count; i++)
        {
            var paired = Stats.Median(rates[0].Zip(rates[i], (f, r) => f / r).ToList());
            var name = sides[i].Name == "raw" ? "fit_vs_raw" : $"fit_vs_{sides[i].Name}";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RATIO {name}={paired:0.00}"));
        }
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

    private static string Format(string label, List<(string Name, Func<double> Epoch)> sides, double[] rates)
    {
        var cells = sides.Select((s, i) => string.Create(CultureInfo.InvariantCulture, $"{s.Name} {rates[i],8:0} samples/s"));
        var ratios = sides.Skip(1).Select((s, i) => string.Create(CultureInfo.InvariantCulture, $"ratio {rates[0] / rates[i + 1]:0.000}"));
        return $"{label,-8}  " + string.Join("   ", cells) + "   " + string.Join("  ", ratios);
    }
}
