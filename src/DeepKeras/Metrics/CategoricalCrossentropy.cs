using DeepKeras.Losses;

namespace DeepKeras.Metrics;

/// <summary>Mean categorical cross-entropy as a metric (Keras <c>keras.metrics.CategoricalCrossentropy</c>).</summary>
/// <param name="name">The name.</param>
/// <param name="fromLogits">Whether predictions are logits.</param>
/// <param name="labelSmoothing">In [0, 1]: targets become <c>y·(1−s) + s/C</c>.</param>
/// <param name="axis">The class axis (default −1).</param>
public sealed class CategoricalCrossentropy(string name = "categorical_crossentropy", bool fromLogits = false, double labelSmoothing = 0,
    int axis = -1)
    : MeanMetricWrapper((y, p) => LossFunctions.CategoricalCrossentropy(y, p, fromLogits, labelSmoothing, axis), name)
{
    /// <summary>Gets whether predictions are logits.</summary>
    public bool FromLogits { get; } = fromLogits;

    /// <summary>Gets the label smoothing factor.</summary>
    public double LabelSmoothing { get; } = labelSmoothing;

    /// <summary>Gets the class axis.</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["from_logits"] = FromLogits;
        c["label_smoothing"] = LabelSmoothing;
        c["axis"] = Axis;
        return c;
    }
}
