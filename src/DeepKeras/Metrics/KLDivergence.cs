using DeepKeras.Losses;

namespace DeepKeras.Metrics;

/// <summary>Mean Kullback-Leibler divergence <c>Σ y·log(y / p)</c> as a metric (Keras <c>keras.metrics.KLDivergence</c>).</summary>
/// <param name="name">The name.</param>
public sealed class KLDivergence(string name = "kl_divergence")
    : MeanMetricWrapper(LossFunctions.KLDivergence, name);
