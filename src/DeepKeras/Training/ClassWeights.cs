using static TorchSharp.torch;

namespace DeepKeras.Training;

/// <summary>Keras's <c>class_weight</c>: a weight per class, applied as the sample weight of each sample of that class.</summary>
internal static class ClassWeights
{
    /// <summary>
    /// Returns each sample's class weight (1 for classes not in <paramref name="classWeight"/>), multiplied into
    /// <paramref name="sampleWeight"/> when given. Labels are the targets' class indices, or the argmax of one-hot targets.
    /// </summary>
    /// <param name="classWeight">Class index → weight.</param>
    /// <param name="ys">The targets; exactly one array.</param>
    /// <param name="sampleWeight">Sample weights to multiply, or null.</param>
    public static Tensor ToSampleWeights(IReadOnlyDictionary<int, double> classWeight, Tensor[]? ys, Tensor? sampleWeight = null)
    {
        if (ys is not { Length: 1 })
        {
            throw new ArgumentException("`class_weight` needs exactly one target array `y`.", nameof(classWeight));
        }

        var y = ys[0];
        var labels = y.is_floating_point() && y.dim() > 1 && y.shape[^1] > 1 ? y.argmax(-1) : y.reshape(y.shape[0], -1)[.., 0].to(int64);
        var maxLabel = labels.max().item<long>();
        var table = new float[maxLabel + 1];
        for (var i = 0; i <= maxLabel; i++)
        {
            table[i] = classWeight.TryGetValue(i, out var w) ? (float)w : 1f;
        }

        var weights = tensor(table, device: labels.device).index_select(0, labels);
        return sampleWeight is null ? weights : sampleWeight * weights;
    }
}
