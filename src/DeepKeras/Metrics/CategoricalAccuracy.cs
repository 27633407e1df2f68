using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>How often the arg-max of predictions matches the arg-max of one-hot labels (Keras <c>CategoricalAccuracy</c>).</summary>
/// <param name="name">The name.</param>
public sealed class CategoricalAccuracy(string name = "categorical_accuracy")
    : MeanMetricWrapper((y, p) => y.argmax(-1).eq(p.argmax(-1)).to(float32), name);
