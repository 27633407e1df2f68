using DeepKeras.Losses;

namespace DeepKeras.Metrics;

/// <summary>Mean of <c>log(cosh(y_pred − y_true))</c> as a metric (Keras <c>keras.metrics.LogCoshError</c>).</summary>
/// <param name="name">The name (Keras's default is <c>logcosh</c>).</param>
public sealed class LogCoshError(string name = "logcosh")
    : MeanMetricWrapper(LossFunctions.LogCosh, name);
