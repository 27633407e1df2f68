using DeepKeras.Losses;

namespace DeepKeras.Metrics;

/// <summary>Mean absolute percentage error as a metric (Keras <c>keras.metrics.MeanAbsolutePercentageError</c>, <c>"mape"</c>).</summary>
/// <param name="name">The name.</param>
public sealed class MeanAbsolutePercentageError(string name = "mean_absolute_percentage_error")
    : MeanMetricWrapper(LossFunctions.MeanAbsolutePercentageError, name);
