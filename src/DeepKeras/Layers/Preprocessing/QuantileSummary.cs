namespace DeepKeras.Layers;

/// <summary>
/// The approximate quantile summary <see cref="Discretization"/> adapts with, computed as Keras's <c>summarize</c>,
/// <c>merge_summaries</c>, <c>compress_summary</c> and <c>get_bin_boundaries</c> do (float32 values and weights, numpy's
/// <c>interp</c>): a sorted list of values, each standing for a weight of data points.
/// </summary>
internal sealed class QuantileSummary
{
    private float[] _values = [];
    private float[] _weights = [];

    /// <summary>Adds a batch: every ⌊1/ε⌋-th sorted value (at least every value) with its step as weight, then compresses.</summary>
    public void Add(float[] data, double epsilon)
    {
        var sorted = (float[])data.Clone();
        Array.Sort(sorted);
        var step = Math.Max(sorted.Length / (1.0 / epsilon), 1);
        var picked = new List<float>();
        for (var i = (long)(step - 1); i < sorted.Length; i += (long)step)
        {
            picked.Add(sorted[i]);
        }

        var values = _values.Concat(picked).ToArray();
        var weights = _weights.Concat(Enumerable.Repeat((float)step, picked.Count)).ToArray();
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        (_values, _weights) = Compress(order.Select(i => values[i]).ToArray(), order.Select(i => weights[i]).ToArray(), epsilon);
    }

    /// <summary>The boundaries of <paramref name="numBins"/> bins of about equal weight (all but the last quantile).</summary>
    public double[] BinBoundaries(int numBins)
    {
        var (values, _) = Compress(_values, _weights, 1.0 / numBins);
        return values.Take(Math.Max(values.Length - 1, 0)).Select(v => (double)v).ToArray();
    }

    /// <summary>Keras's <c>compress_summary</c>: resamples the weighted values at the quantiles ε, 2ε, …, 1.</summary>
    private static (float[] Values, float[] Weights) Compress(float[] values, float[] weights, double epsilon)
    {
        if (values.Length * epsilon < 1)
        {
            return (values, weights);
        }

        var cum = new float[weights.Length];
        var acc = 0f;
        for (var i = 0; i < weights.Length; i++)
        {
            acc += weights[i];
            cum[i] = acc;
        }

        var xp = cum.Select(c => (double)(c / cum[^1])).ToArray();
        var count = (int)Math.Ceiling(1.0 / epsilon);
        var newValues = new float[count];
        var newWeights = new float[count];
        var previous = 0.0;
        for (var i = 0; i < count; i++)
        {
            var p = epsilon + (i * epsilon);
            newValues[i] = (float)Interp(p, xp, values.Select(v => (double)v).ToArray());
            var c = Interp(p, xp, cum.Select(v => (double)v).ToArray());
            newWeights[i] = (float)(c - previous);
            previous = c;
        }

        return (newValues, newWeights);
    }

    /// <summary>numpy's <c>interp</c> for increasing <paramref name="xp"/>: the end values outside, linear inside.</summary>
    private static double Interp(double x, double[] xp, double[] fp)
    {
        if (x >= xp[^1])
        {
            return fp[^1];
        }

        if (x < xp[0])
        {
            return fp[0];
        }

        var j = Array.BinarySearch(xp, x);
        if (j >= 0)
        {
            while (j + 1 < xp.Length && xp[j + 1] == x)
            {
                j++;
            }

            return fp[j];
        }

        j = ~j - 1;
        var slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
        return (slope * (x - xp[j])) + fp[j];
    }
}
