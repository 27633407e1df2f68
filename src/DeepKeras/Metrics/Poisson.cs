using DeepKeras.Losses;

namespace DeepKeras.Metrics;

/// <summary>Mean Poisson loss <c>p − y·log(p + ε)</c> as a metric (Keras <c>keras.metrics.Poisson</c>).</summary>
/// <param name="name">The name.</param>
public sealed class Poisson(string name = "poisson")
    : MeanMetricWrapper(LossFunctions.Poisson, name);
