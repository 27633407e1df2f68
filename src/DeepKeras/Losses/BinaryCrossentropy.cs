using static TorchSharp.torch;

namespace DeepKeras.Losses;

/// <summary>
/// Binary cross-entropy averaged over the last axis (Keras <c>BinaryCrossentropy(from_logits=False,
/// label_smoothing=0.0)</c>). Probabilities are clipped to [ε, 1−ε] with ε = 1e-7 as Keras does.
/// </summary>
public sealed class BinaryCrossentropy : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether <c>y_pred</c> holds logits rather than probabilities.</param>
    /// <param name="labelSmoothing">In [0, 1]: targets become <c>y·(1−s) + 0.5·s</c>.</param>
    /// <param name="reduction">Reduction.</param>
    /// <param name="name">Name.</param>
    public BinaryCrossentropy(bool fromLogits = false, double labelSmoothing = 0, Reduction reduction = Reduction.SumOverBatchSize,
        string name = "binary_crossentropy")
        : base(name, reduction)
    {
        if (labelSmoothing is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Expected label_smoothing in [0, 1].");
        }

        FromLogits = fromLogits;
        LabelSmoothing = labelSmoothing;
    }

    /// <summary>Gets whether predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>Gets the label smoothing factor.</summary>
    public double LabelSmoothing { get; }

    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        var y = yTrue.to(yPred.dtype);
        if (y.dim() == yPred.dim() - 1)
        {
            y = y.unsqueeze(-1);
        }

        if (LabelSmoothing > 0)
        {
            y = y * (1 - LabelSmoothing) + 0.5 * LabelSmoothing;
        }

        return Elementwise(y, yPred, FromLogits).mean([-1]);
    }

    /// <summary>Keras's element-wise binary cross-entropy.</summary>
    internal static Tensor Elementwise(Tensor y, Tensor yPred, bool fromLogits)
    {
        if (fromLogits)
        {
            return nn.functional.binary_cross_entropy_with_logits(yPred, y, reduction: nn.Reduction.None);
        }

        var eps = Keras.Backend.Epsilon;
        var p = yPred.clamp(eps, 1 - eps);
        return -(y * p.log() + (1 - y) * (1 - p).log());
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["from_logits"] = FromLogits;
        c["label_smoothing"] = LabelSmoothing;
        c["axis"] = -1;
        return c;
    }
}
