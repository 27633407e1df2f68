using DeepKeras.Losses;

namespace DeepKeras.Metrics;

/// <summary>Mean squared hinge loss <c>max(1 − y·p, 0)²</c> as a metric; 0/1 labels become −1/+1 (Keras <c>keras.metrics.SquaredHinge</c>).</summary>
/// <param name="name">The name.</param>
public sealed class SquaredHinge(string name = "squared_hinge")
    : MeanMetricWrapper(LossFunctions.SquaredHinge, name);
