using static TorchSharp.torch;

namespace DeepKeras.Losses;

/// <summary>
/// Cross-entropy for one-hot targets (Keras <c>CategoricalCrossentropy(from_logits=False, label_smoothing=0.0)</c>):
/// <c>−Σ y·log p</c> over the last axis. Probabilities are renormalized to sum to 1 and clipped to [ε, 1−ε].
/// </summary>
public sealed class CategoricalCrossentropy : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether <c>y_pred</c> holds logits.</param>
    /// <param name="labelSmoothing">In [0, 1]: targets become <c>y·(1−s) + s/C</c>.</param>
    /// <param name="reduction">Reduction.</param>
    /// <param name="name">Name.</param>
    public CategoricalCrossentropy(bool fromLogits = false, double labelSmoothing = 0,
        Reduction reduction = Reduction.SumOverBatchSize, string name = "categorical_crossentropy")
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
        if (yTrue.dim() != yPred.dim() || yTrue.shape[^1] != yPred.shape[^1])
        {
            throw new ArgumentException(
                $"CategoricalCrossentropy expects one-hot targets of the same shape as the predictions. Received: y_true shape {(Shape)yTrue.shape}, " +
                $"y_pred shape {(Shape)yPred.shape}. For integer labels use \"sparse_categorical_crossentropy\".");
        }

        var y = yTrue.to(yPred.dtype);
        if (LabelSmoothing > 0)
        {
            y = y * (1 - LabelSmoothing) + LabelSmoothing / yPred.shape[^1];
        }

        return -(y * LogProbabilities(yPred, FromLogits)).sum(-1);
    }

    /// <summary>log p with Keras's handling: log_softmax for logits, renormalize-then-clip for probabilities.</summary>
    internal static Tensor LogProbabilities(Tensor yPred, bool fromLogits)
    {
        if (fromLogits)
        {
            return yPred.log_softmax(-1);
        }

        var eps = Keras.Backend.Epsilon;
        var p = yPred / yPred.sum(-1, keepdim: true);
        return p.clamp(eps, 1 - eps).log();
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
