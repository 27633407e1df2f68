using DeepKeras.Losses;

namespace DeepKeras.Metrics;

/// <summary>Mean squared logarithmic error as a metric (Keras <c>keras.metrics.MeanSquaredLogarithmicError</c>, <c>"msle"</c>).</summary>
/// <param name="name">The name.</param>
public sealed class MeanSquaredLogarithmicError(string name = "mean_squared_logarithmic_error")
    : MeanMetricWrapper(LossFunctions.MeanSquaredLogarithmicError, name);
