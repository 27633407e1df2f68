using DeepKeras.Losses;

namespace DeepKeras.Metrics;

/// <summary>Mean categorical hinge loss as a metric (Keras <c>keras.metrics.CategoricalHinge</c>).</summary>
/// <param name="name">The name.</param>
public sealed class CategoricalHinge(string name = "categorical_hinge")
    : MeanMetricWrapper(LossFunctions.CategoricalHinge, name);
