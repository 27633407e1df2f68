using System.Globalization;

namespace DeepKeras.Bench;

/// <summary>Runs a DeepKeras epoch and a raw TorchSharp epoch in alternating order and reports the median rates.</summary>
internal static class Interleaved
{
    /// <summary>A warm-up round, then <paramref name="rounds"/> rounds; prints each and returns the medians (samples/s).</summary>
    public static (double Fit, double Raw) Run(int rounds, Func<double> fitEpoch, Func<double> rawEpoch)
    {
        Console.WriteLine(Format("warm-up", fitEpoch(), rawEpoch()));
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

        var result = (Stats.Median(fit), Stats.Median(raw));
        Console.WriteLine(Format("median", result.Item1, result.Item2));
        return result;
    }

    private static string Format(string label, double fit, double raw) => string.Create(CultureInfo.InvariantCulture,
        $"{label,-8}  fit {fit,8:0} samples/s   raw {raw,8:0} samples/s   ratio {fit / raw:0.000}");
}
