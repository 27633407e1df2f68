using static TorchSharp.torch;

namespace DeepKeras.Losses;

/// <summary>
/// Cross-entropy for integer class labels (Keras <c>SparseCategoricalCrossentropy(from_logits=False,
/// ignore_class=None)</c>). Labels have shape <c>(batch,)</c> or <c>(batch, 1)</c> (more generally, the prediction
/// shape without its class axis, optionally with a trailing 1).
/// </summary>
public sealed class SparseCategoricalCrossentropy : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether <c>y_pred</c> holds logits.</param>
    /// <param name="ignoreClass">
    /// A label value (e.g. padding, −1 or 255) whose entries contribute 0; with the default reduction the mean is then
    /// taken over the other entries only, as Keras does. Null (default) counts every entry.
    /// </param>
    /// <param name="reduction">Reduction.</param>
    /// <param name="name">Name.</param>
    /// <param name="axis">The class axis of the predictions (default −1).</param>
    public SparseCategoricalCrossentropy(bool fromLogits = false, int? ignoreClass = null,
        Reduction reduction = Reduction.SumOverBatchSize, string name = "sparse_categorical_crossentropy", int axis = -1)
        : base(name, reduction)
    {
        FromLogits = fromLogits;
        IgnoreClass = ignoreClass;
        Axis = axis;
    }

    /// <summary>Gets whether predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>Gets the ignored label, if any.</summary>
    public int? IgnoreClass { get; }

    /// <summary>Gets the class axis.</summary>
    public int Axis { get; }

    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred) =>
        LossFunctions.SparseCategoricalCrossentropy(yTrue, yPred, FromLogits, IgnoreClass, Axis);

    /// <inheritdoc/>
    protected override Tensor? ComputeMask(Tensor yTrue, Tensor yPred) =>
        IgnoreClass is { } ignore ? LossUtils.SparseLabels(yTrue, yPred, Axis).ne(ignore) : null;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["from_logits"] = FromLogits;
        c["ignore_class"] = IgnoreClass;
        c["axis"] = Axis;
        return c;
    }
}

public static partial class LossFunctions
{
    /// <summary>
    /// Keras <c>sparse_categorical_crossentropy</c>: <c>−log p[label]</c> with the same probability clipping (or
    /// <c>log_softmax</c> for logits) as <see cref="CategoricalCrossentropy(Tensor, Tensor, bool, double, int)"/>.
    /// </summary>
    /// <param name="yTrue">Integer labels: the prediction shape without the class axis, optionally with a trailing 1.</param>
    /// <param name="yPred">Probabilities, or logits when <paramref name="fromLogits"/>.</param>
    /// <param name="fromLogits">Whether <paramref name="yPred"/> holds logits.</param>
    /// <param name="ignoreClass">A label whose entries give 0, or null.</param>
    /// <param name="axis">The class axis (default −1).</param>
    /// <returns>One value per label.</returns>
    /// <exception cref="ArgumentException">The label shape does not fit, or a label is outside [0, classes).</exception>
    public static Tensor SparseCategoricalCrossentropy(Tensor yTrue, Tensor yPred, bool fromLogits = false, int? ignoreClass = null,
        int axis = -1)
    {
        if (!yPred.is_floating_point())
        {
            yPred = yPred.to(float32);
        }

        var labels = LossUtils.SparseLabels(yTrue, yPred, axis);
        var classAxis = LossUtils.Axis(axis, yPred);
        Tensor? valid = null;
        if (ignoreClass is { } ignore)
        {
            valid = labels.ne(ignore);
            labels = labels.where(valid, zeros_like(labels));
        }

        var logp = LossUtils.LogProbabilities(yPred, fromLogits, classAxis);
        Tensor loss;
        try
        {
            loss = -logp.gather(classAxis, labels.unsqueeze(classAxis)).squeeze(classAxis);
        }
        catch (System.Runtime.InteropServices.ExternalException e)
        {
            throw new ArgumentException(
                $"sparse_categorical_crossentropy received a label outside [0, {yPred.shape[classAxis]}) (the number of classes " +
                $"in y_pred). Labels must be class indices; for one-hot targets use \"categorical_crossentropy\".", nameof(yTrue), e);
        }

        return valid is null ? loss : loss.where(valid, zeros_like(loss));
    }
}
