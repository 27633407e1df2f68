using DeepKeras.Losses;

namespace DeepKeras.Metrics;

/// <summary>Mean hinge loss <c>max(1 − y·p, 0)</c> as a metric; 0/1 labels become −1/+1 (Keras <c>keras.metrics.Hinge</c>).</summary>
/// <param name="name">The name.</param>
public sealed class Hinge(string name = "hinge")
    : MeanMetricWrapper(LossFunctions.Hinge, name);
