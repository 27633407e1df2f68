namespace DeepKeras.Losses;

/// <summary>
/// Base of the cross-entropy losses that take Keras's <c>from_logits</c>, <c>label_smoothing</c> and <c>axis</c>
/// (<see cref="BinaryCrossentropy"/>, <see cref="CategoricalCrossentropy"/>, <see cref="BinaryFocalCrossentropy"/>):
/// it checks and keeps them and writes them to the config.
/// </summary>
public abstract class CrossentropyLoss : Loss
{
    private protected CrossentropyLoss(bool fromLogits, double labelSmoothing, int axis, string name, Reduction reduction)
        : base(name, reduction)
    {
        LossUtils.CheckLabelSmoothing(labelSmoothing);
        FromLogits = fromLogits;
        LabelSmoothing = labelSmoothing;
        Axis = axis;
    }

    /// <summary>Gets whether predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>Gets the label smoothing factor.</summary>
    public double LabelSmoothing { get; }

    /// <summary>Gets the axis the loss is taken over (the class axis of the categorical loss).</summary>
    public int Axis { get; }

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
