using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>How often the arg-max of predictions equals integer labels (Keras <c>SparseCategoricalAccuracy</c>).</summary>
/// <param name="name">The name.</param>
public sealed class SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy")
    : MeanMetricWrapper((y, p) => Compute(y, p), name)
{
    internal static Tensor Compute(Tensor y, Tensor p)
    {
        if (y.dim() == p.dim() && y.shape[^1] == 1)
        {
            y = y.squeeze(-1);
        }

        return y.to(int64).eq(p.argmax(-1)).to(float32);
    }
}
