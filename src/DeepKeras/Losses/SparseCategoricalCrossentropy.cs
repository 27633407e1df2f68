using static TorchSharp.torch;

namespace DeepKeras.Losses;

/// <summary>
/// Cross-entropy for integer class labels (Keras <c>SparseCategoricalCrossentropy(from_logits=False,
/// ignore_class=None)</c>). Labels have shape <c>(batch,)</c> or <c>(batch, 1)</c>.
/// </summary>
public sealed class SparseCategoricalCrossentropy : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether <c>y_pred</c> holds logits.</param>
    /// <param name="ignoreClass">A label value whose samples contribute 0 (e.g. padding), or null.</param>
    /// <param name="reduction">Reduction.</param>
    /// <param name="name">Name.</param>
    public SparseCategoricalCrossentropy(bool fromLogits = false, int? ignoreClass = null,
        Reduction reduction = Reduction.SumOverBatchSize, string name = "sparse_categorical_crossentropy")
        : base(name, reduction)
    {
        FromLogits = fromLogits;
        IgnoreClass = ignoreClass;
    }

    /// <summary>Gets whether predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>Gets the ignored label, if any.</summary>
    public int? IgnoreClass { get; }

    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        var labels = yTrue;
        if (labels.dim() == yPred.dim() && labels.shape[^1] == 1)
        {
            labels = labels.squeeze(-1);
        }

        if (labels.dim() != yPred.dim() - 1)
        {
            throw new ArgumentException(
                $"SparseCategoricalCrossentropy expects integer labels of shape {(Shape)yPred.shape[..^1]} (or with a trailing 1). " +
                $"Received: y_true shape {(Shape)yTrue.shape}, y_pred shape {(Shape)yPred.shape}. For one-hot targets use \"categorical_crossentropy\".");
        }

        labels = labels.to(int64);
        Tensor? valid = null;
        if (IgnoreClass is { } ignore)
        {
            valid = labels.ne(ignore);
            labels = labels.where(valid, zeros_like(labels));
        }

        var logp = CategoricalCrossentropy.LogProbabilities(yPred, FromLogits);
        var loss = -logp.gather(-1, labels.unsqueeze(-1)).squeeze(-1);
        return valid is null ? loss : loss * valid.to(loss.dtype);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["from_logits"] = FromLogits;
        c["ignore_class"] = IgnoreClass;
        return c;
    }
}
