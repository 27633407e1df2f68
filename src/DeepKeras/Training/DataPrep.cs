using static TorchSharp.torch;

namespace DeepKeras.Training;

/// <summary>Validation and dtype handling of user data before training, with clear errors.</summary>
internal static class DataPrep
{
    /// <summary>Inputs: floating and byte/bool data become float32; integer data stays int64 (token ids).</summary>
    public static Tensor[] PrepareX(Tensor[] xs, string name) => xs.Select(t => t.dtype switch
    {
        ScalarType.Float32 or ScalarType.Int64 => t,
        ScalarType.Float64 or ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Byte or ScalarType.Bool => t.to(float32),
        _ => t.to(int64),
    }).ToArray();

    /// <summary>Targets: floats become float32, integers (labels) int64.</summary>
    /// <exception cref="ArgumentException">String targets.</exception>
    public static Tensor[] PrepareY(Tensor[] ys) => ys.Select(t => StringHandles.IsHandles(t)
        ? throw new ArgumentException(
            "The targets `y` are strings; a model's targets are numbers. Map string labels to indices first, e.g. with " +
            "Keras.Layers.StringLookup(numOovIndices: 0).", "y")
        : t.is_floating_point()
        ? (t.dtype == ScalarType.Float32 ? t : t.to(float32))
        : (t.dtype == ScalarType.Int64 ? t : t.to(int64))).ToArray();

    /// <summary>Throws when arrays are empty or differ in length.</summary>
    public static void CheckLengths(Tensor[] x, Tensor[]? y, Tensor? sampleWeight)
    {
        foreach (var (t, name) in Named(x, y, sampleWeight))
        {
            if (t.dim() == 0)
            {
                throw new ArgumentException($"`{name}` must have a batch axis; received a scalar.", name);
            }

            if (t.shape[0] == 0)
            {
                throw new ArgumentException($"`{name}` is empty (0 samples). Expected at least one sample.", name);
            }
        }

        var n = x[0].shape[0];
        foreach (var (t, name) in Named(x, y, sampleWeight))
        {
            if (t.shape[0] != n)
            {
                var sizes = string.Join(", ", Named(x, y, sampleWeight).Select(p => $"{p.Name}: {p.T.shape[0]}"));
                throw new ArgumentException(
                    $"Data cardinality is ambiguous: make sure all arrays contain the same number of samples. Received sizes: {sizes}.", name);
            }
        }
    }

    /// <summary>
    /// Throws when a floating array holds NaN or Inf, naming the array and the first bad index. A finite sum proves the
    /// array finite in one allocation-free pass; only a non-finite sum (NaN, Inf, or a float overflow of large values)
    /// pays for the element-wise check, whose temporaries take seconds to fault in for a dataset-sized array.
    /// </summary>
    public static void CheckFinite(Tensor[] x, Tensor[]? y, Tensor? sampleWeight)
    {
        foreach (var (t, name) in Named(x, y, sampleWeight))
        {
            if (!t.is_floating_point())
            {
                continue;
            }

            using var scope = NewDisposeScope();
            if (t.sum().isfinite().item<bool>())
            {
                continue;
            }

            var bad = t.isfinite().logical_not();
            if (!bad.any().item<bool>())
            {
                continue;
            }

            var first = bad.reshape(-1).nonzero()[0, 0].item<long>();
            var index = new long[t.dim()];
            var rem = first;
            for (var d = t.dim() - 1; d >= 0; d--)
            {
                index[d] = rem % t.shape[d];
                rem /= t.shape[d];
            }

            var value = t.reshape(-1)[first].item<float>();
            throw new ArgumentException(
                $"`{name}` contains {(float.IsNaN(value) ? "NaN" : "Inf")} at index [{string.Join(", ", index)}]. " +
                "Remove or replace non-finite values before training.", name);
        }
    }

    private static IEnumerable<(Tensor T, string Name)> Named(Tensor[] x, Tensor[]? y, Tensor? sw)
    {
        for (var i = 0; i < x.Length; i++)
        {
            yield return (x[i], x.Length == 1 ? "x" : $"x[{i}]");
        }

        for (var i = 0; i < (y?.Length ?? 0); i++)
        {
            yield return (y![i], y.Length == 1 ? "y" : $"y[{i}]");
        }

        if (sw is not null)
        {
            yield return (sw, "sample_weight");
        }
    }
}
