using System.Globalization;
using NumSharp;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Utils
    {
        private static readonly string[] PadDtypes = ["int32", "int64", "float32", "float64", "uint8"];

        /// <summary>
        /// Pads sequences to the same length (Keras <c>keras.utils.pad_sequences</c>): a list of <c>n</c> integer
        /// sequences becomes an array of shape <c>(n, maxlen)</c>.
        /// </summary>
        /// <remarks>
        /// Shorter sequences are filled with <paramref name="value"/>, longer ones are cut, at the start (<c>"pre"</c>, the
        /// default) or at the end (<c>"post"</c>). With <c>[[1], [2, 3], [4, 5, 6]]</c>: the default gives
        /// <c>[[0, 0, 1], [0, 2, 3], [4, 5, 6]]</c>; <c>padding: "post"</c> gives <c>[[1, 0, 0], [2, 3, 0], [4, 5, 6]]</c>;
        /// <c>maxlen: 2</c> gives <c>[[0, 1], [2, 3], [5, 6]]</c>.
        /// </remarks>
        /// <param name="sequences">The sequences (e.g. <c>int[][]</c> or <c>List&lt;List&lt;int&gt;&gt;</c>); empty ones are all padding.</param>
        /// <param name="maxlen">Length of the output rows; default the length of the longest sequence.</param>
        /// <param name="dtype">Element type of the result: <c>int32</c> (default), <c>int64</c>, <c>float32</c>, <c>float64</c> or <c>uint8</c>.</param>
        /// <param name="padding"><c>"pre"</c> (default) pads before each sequence, <c>"post"</c> after it.</param>
        /// <param name="truncating"><c>"pre"</c> (default) drops values from the start of longer sequences, <c>"post"</c> from the end.</param>
        /// <param name="value">The padding value (default 0); cut toward zero for integer dtypes, as numpy does.</param>
        /// <returns>An <see cref="NDArray"/> of shape <c>(sequences.Count, maxlen)</c>.</returns>
        /// <exception cref="ArgumentException">Unknown <paramref name="padding"/>, <paramref name="truncating"/> or <paramref name="dtype"/>, a null sequence, or values that do not fit the dtype.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxlen"/> is not positive.</exception>
        /// <example>
        /// <code>
        /// var x = Keras.Utils.PadSequences(reviews, maxlen: 200);   // (25000, 200) int32, zeros in front
        /// </code>
        /// </example>
        public static NDArray PadSequences(IEnumerable<IReadOnlyList<int>> sequences, int? maxlen = null, string dtype = "int32",
            string padding = "pre", string truncating = "pre", double value = 0)
        {
            ArgumentNullException.ThrowIfNull(sequences);
            if (padding is not ("pre" or "post"))
            {
                throw new ArgumentException($"Padding type \"{padding}\" not understood. Expected \"pre\" or \"post\".", nameof(padding));
            }

            if (truncating is not ("pre" or "post"))
            {
                throw new ArgumentException($"Truncating type \"{truncating}\" not understood. Expected \"pre\" or \"post\".", nameof(truncating));
            }

            if (!PadDtypes.Contains(dtype))
            {
                throw new ArgumentException(
                    $"Unsupported `dtype` for pad_sequences: \"{dtype}\". Expected one of: {string.Join(", ", PadDtypes)}.", nameof(dtype));
            }

            if (maxlen is <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxlen), maxlen,
                    $"Expected `maxlen` to be a positive integer or null. Received: maxlen={maxlen}");
            }

            if (double.IsNaN(value) && dtype is not ("float32" or "float64"))
            {
                throw new ArgumentException($"`value`=NaN cannot be stored in dtype {dtype}.", nameof(value));
            }

            var rows = sequences.ToList();
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i] is null)
                {
                    throw new ArgumentException($"`sequences` must be a list of iterables. Found non-iterable: null (at position {i}).", nameof(sequences));
                }
            }

            var length = maxlen ?? rows.Select(r => r.Count).DefaultIfEmpty(0).Max();
            var fill = dtype is "float32" or "float64" ? value : Math.Truncate(value);
            CheckFits(fill, dtype, $"`value`={value.ToString(CultureInfo.InvariantCulture)}", nameof(value));
            var buffer = new double[rows.Count * length];
            Array.Fill(buffer, fill);
            for (var i = 0; i < rows.Count; i++)
            {
                var s = rows[i];
                var kept = Math.Min(s.Count, length);
                var from = truncating == "pre" ? s.Count - kept : 0;
                var to = padding == "post" ? 0 : length - kept;
                for (var j = 0; j < kept; j++)
                {
                    var v = s[from + j];
                    if (dtype == "uint8")
                    {
                        CheckFits(v, dtype, $"Value {v.ToString(CultureInfo.InvariantCulture)} of sequence {i}", nameof(sequences));
                    }

                    buffer[(i * length) + to + j] = v;
                }
            }

            NDArray result = dtype switch
            {
                "int32" => np.array(Array.ConvertAll(buffer, v => (int)v)),
                "int64" => np.array(Array.ConvertAll(buffer, v => (long)v)),
                "float32" => np.array(Array.ConvertAll(buffer, v => (float)v)),
                "float64" => np.array(buffer),
                _ => np.array(Array.ConvertAll(buffer, v => (byte)v)),
            };
            return result.reshape(rows.Count, length);
        }

        private static void CheckFits(double v, string dtype, string what, string argName)
        {
            var (min, max) = dtype switch
            {
                "int32" => (int.MinValue, (double)int.MaxValue),
                "int64" => (long.MinValue, (double)long.MaxValue),
                "uint8" => (byte.MinValue, (double)byte.MaxValue),
                _ => (double.NegativeInfinity, double.PositiveInfinity),
            };
            if (v < min || v > max)
            {
                throw new ArgumentException($"{what} is out of bounds for dtype {dtype} ({min} to {max}).", argName);
            }
        }
    }
}
