using NumSharp;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Utils
    {
        /// <summary>
        /// Converts integer class labels to one-hot rows (Keras <c>keras.utils.to_categorical</c>). A trailing axis of
        /// size 1 is dropped first, so labels of shape (n,) or (n, 1) both give (n, numClasses).
        /// </summary>
        /// <param name="y">Integer labels (any integer dtype, or floats holding whole numbers), of any shape.</param>
        /// <param name="numClasses">The number of classes; default <c>max(y) + 1</c>.</param>
        /// <returns>A float32 array of shape <c>y.shape + (numClasses,)</c> (trailing 1 removed) with a single 1 per row.</returns>
        /// <exception cref="ArgumentException">A label is negative, not a whole number, or not below <paramref name="numClasses"/>.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="numClasses"/> is not positive.</exception>
        /// <example><code>
        /// var yOneHot = Keras.Utils.ToCategorical(np.array(new[] { 0, 2, 1 }), 3);
        /// // [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
        /// </code></example>
        public static NDArray ToCategorical(NDArray y, int? numClasses = null)
        {
            ArgumentNullException.ThrowIfNull(y);
            if (numClasses is <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses,
                    $"Expected a positive `num_classes`. Received: num_classes={numClasses}");
            }

            var shape = y.shape.ToList();
            if (shape.Count > 1 && shape[^1] == 1)
            {
                shape.RemoveAt(shape.Count - 1);
            }

            var labels = ReadLabels(y);
            var classes = numClasses ?? (labels.Length == 0 ? 0 : (int)Math.Min(labels.Max() + 1, int.MaxValue));
            var bad = labels.Select((v, i) => (v, i)).Where(p => p.v < 0 || p.v >= classes).Take(5).ToArray();
            if (bad.Length > 0)
            {
                throw new ArgumentException(
                    $"Received invalid labels for `to_categorical`: expected integers in [0, {classes}) " +
                    (numClasses is null ? "" : $"for num_classes={classes} ") +
                    $"but found {string.Join(", ", bad.Select(p => $"y[{p.i}]={p.v}"))}.", nameof(y));
            }

            var oneHot = new float[(long)labels.Length * classes];
            for (long i = 0; i < labels.Length; i++)
            {
                oneHot[(i * classes) + labels[i]] = 1f;
            }

            shape.Add(classes);
            return new NDArray(oneHot, new NumSharp.Shape(shape.ToArray()));
        }

        private static long[] ReadLabels(NDArray y)
        {
            switch (y.typecode)
            {
                case NPTypeCode.Single or NPTypeCode.Double or NPTypeCode.Half or NPTypeCode.Decimal:
                    var values = y.astype(NPTypeCode.Double).ToArray<double>();
                    var fractional = values.Select((v, i) => (v, i)).Where(p => p.v != Math.Floor(p.v) || !double.IsFinite(p.v)).Take(5).ToArray();
                    if (fractional.Length > 0)
                    {
                        throw new ArgumentException(
                            "Received invalid labels for `to_categorical`: expected whole numbers (class indices) but found " +
                            $"{string.Join(", ", fractional.Select(p => $"y[{p.i}]={p.v}"))}.", nameof(y));
                    }

                    return values.Select(v => (long)v).ToArray();
                case NPTypeCode.Boolean:
                    return y.ToArray<bool>().Select(b => b ? 1L : 0L).ToArray();
                default:
                    return y.astype(NPTypeCode.Int64).ToArray<long>();
            }
        }
    }
}
