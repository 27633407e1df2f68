namespace DeepKeras.Callbacks.Events;

/// <summary>
/// Groups values into histogram buckets as <c>tf.summary.histogram</c> does: <c>k</c> rows of
/// <c>[left edge, right edge, count]</c> in float64. Several distinct values: <c>k</c> equal-width buckets from the
/// minimum to the maximum, a value on an inner edge counted in the bucket to its right and the maximum in the last.
/// All values equal: <c>k</c> buckets whose edges are that value, the count in the last. No values: <c>k</c> zero rows.
/// With NaN or infinite values (a diverged model) the edges are NaN and such values are counted nowhere, as in
/// TensorFlow, whose one-hot of an invalid bucket index is all zeros.
/// </summary>
internal static class HistogramBuckets
{
    /// <summary>The default bucket count of <c>tf.summary.histogram</c>.</summary>
    public const int DefaultCount = 30;

    /// <summary>Returns the <paramref name="bucketCount"/> × 3 rows, flattened row by row.</summary>
    public static double[] Compute(ReadOnlySpan<double> data, int bucketCount = DefaultCount)
    {
        var rows = new double[bucketCount * 3];
        if (data.IsEmpty)
        {
            return rows;
        }

        var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
        foreach (var v in data)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var range = max - min;
        if (range == 0)
        {
            for (var i = 0; i < bucketCount; i++)
            {
                rows[(i * 3) + 0] = max;
                rows[(i * 3) + 1] = max;
            }

            rows[^1] = data.Length;
            return rows;
        }

        // The same float64 operations as TensorFlow (floor of offset / width; edges min + i * width with the last
        // edge exactly the maximum), so edges and counts agree bit for bit.
        var width = range / bucketCount;
        foreach (var v in data)
        {
            var position = Math.Floor((v - min) / width);
            if (double.IsFinite(position))
            {
                rows[((int)Math.Min(position, bucketCount - 1) * 3) + 2]++;
            }
        }

        for (var i = 0; i < bucketCount; i++)
        {
            rows[(i * 3) + 0] = min + (i * width);
            rows[(i * 3) + 1] = i == bucketCount - 1 ? max : min + ((i + 1) * width);
        }

        return rows;
    }
}
