using DeepKeras.Losses;

namespace DeepKeras.Metrics;

/// <summary>Mean absolute error as a metric (Keras <c>keras.metrics.MeanAbsoluteError</c>, <c>"mae"</c>).</summary>
/// <param name="name">The name.</param>
public sealed class MeanAbsoluteError(string name = "mean_absolute_error")
    : MeanMetricWrapper(LossFunctions.MeanAbsoluteError, name);
