using DeepKeras.Losses;

namespace DeepKeras.Metrics;

/// <summary>Mean binary cross-entropy as a metric (Keras <c>keras.metrics.BinaryCrossentropy</c>).</summary>
/// <param name="name">The name.</param>
/// <param name="fromLogits">Whether predictions are logits.</param>
/// <param name="labelSmoothing">In [0, 1]: targets become <c>y·(1−s) + 0.5·s</c>.</param>
public sealed class BinaryCrossentropy(string name = "binary_crossentropy", bool fromLogits = false, double labelSmoothing = 0)
    : MeanMetricWrapper((y, p) => LossFunctions.BinaryCrossentropy(y, p, fromLogits, labelSmoothing), name)
{
    /// <summary>Gets whether predictions are logits.</summary>
    public bool FromLogits { get; } = fromLogits;

    /// <summary>Gets the label smoothing factor.</summary>
    public double LabelSmoothing { get; } = labelSmoothing;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["from_logits"] = FromLogits;
        c["label_smoothing"] = LabelSmoothing;
        return c;
    }
}
