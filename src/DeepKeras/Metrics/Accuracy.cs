using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>How often predictions equal labels exactly (Keras <c>keras.metrics.Accuracy</c>).</summary>
/// <param name="name">The name.</param>
public sealed class Accuracy(string name = "accuracy")
    : MeanMetricWrapper((y, p) => y.to(p.dtype).eq(p).to(float32).reshape(y.shape[0], -1).mean([-1]), name);
