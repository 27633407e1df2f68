using DeepKeras.Losses;

namespace DeepKeras.Metrics;

/// <summary>Mean squared error as a metric (Keras <c>keras.metrics.MeanSquaredError</c>, <c>"mse"</c>).</summary>
/// <param name="name">The name.</param>
public sealed class MeanSquaredError(string name = "mean_squared_error")
    : MeanMetricWrapper(LossFunctions.MeanSquaredError, name);
