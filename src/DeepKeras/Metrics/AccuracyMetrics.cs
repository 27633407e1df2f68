using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>How often predictions equal labels exactly (Keras <c>keras.metrics.Accuracy</c>).</summary>
/// <param name="name">The name.</param>
public sealed class Accuracy(string name = "accuracy")
    : MeanMetricWrapper((y, p) => y.to(p.dtype).eq(p).to(float32).reshape(y.shape[0], -1).mean([-1]), name);

/// <summary>How often <c>y_pred &gt; threshold</c> matches binary labels (Keras <c>BinaryAccuracy(threshold=0.5)</c>).</summary>
/// <param name="name">The name.</param>
/// <param name="threshold">The decision threshold.</param>
public sealed class BinaryAccuracy(string name = "binary_accuracy", double threshold = 0.5)
    : MeanMetricWrapper((y, p) => Compute(y, p, threshold), name)
{
    internal static Tensor Compute(Tensor y, Tensor p, double threshold)
    {
        if (y.dim() == p.dim() - 1)
        {
            y = y.unsqueeze(-1);
        }

        return y.to(float32).eq(p.gt(threshold).to(float32)).to(float32).mean([-1]);
    }
}

/// <summary>How often the arg-max of predictions matches the arg-max of one-hot labels (Keras <c>CategoricalAccuracy</c>).</summary>
/// <param name="name">The name.</param>
public sealed class CategoricalAccuracy(string name = "categorical_accuracy")
    : MeanMetricWrapper((y, p) => y.argmax(-1).eq(p.argmax(-1)).to(float32), name);

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

/// <summary>Mean absolute error as a metric (Keras <c>keras.metrics.MeanAbsoluteError</c>, <c>"mae"</c>).</summary>
/// <param name="name">The name.</param>
public sealed class MeanAbsoluteError(string name = "mean_absolute_error")
    : MeanMetricWrapper((y, p) => (p - y.to(p.dtype)).abs().mean([-1]), name);

/// <summary>Mean squared error as a metric (Keras <c>keras.metrics.MeanSquaredError</c>, <c>"mse"</c>).</summary>
/// <param name="name">The name.</param>
public sealed class MeanSquaredError(string name = "mean_squared_error")
    : MeanMetricWrapper((y, p) => (p - y.to(p.dtype)).square().mean([-1]), name);
