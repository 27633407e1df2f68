using static TorchSharp.torch;

namespace DeepKeras.Losses;

/// <summary>
/// Cross-entropy for one-hot targets (Keras <c>CategoricalCrossentropy(from_logits=False, label_smoothing=0.0)</c>):
/// <c>−Σ y·log p</c> over the class axis. Probabilities are renormalized to sum to 1 and clipped to [ε, 1−ε]; logits go
/// through <c>log_softmax</c>.
/// </summary>
public sealed class CategoricalCrossentropy : CrossentropyLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether <c>y_pred</c> holds logits.</param>
    /// <param name="labelSmoothing">In [0, 1]: targets become <c>y·(1−s) + s/C</c>.</param>
    /// <param name="reduction">Reduction.</param>
    /// <param name="name">Name.</param>
    /// <param name="axis">The class axis (default −1).</param>
    public CategoricalCrossentropy(bool fromLogits = false, double labelSmoothing = 0,
        Reduction reduction = Reduction.SumOverBatchSize, string name = "categorical_crossentropy", int axis = -1)
        : base(fromLogits, labelSmoothing, axis, name, reduction)
    {
    }

    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred) =>
        LossFunctions.CategoricalCrossentropy(yTrue, yPred, FromLogits, LabelSmoothing, Axis);
}

public static partial class LossFunctions
{
    /// <summary>
    /// Keras <c>categorical_crossentropy</c>: <c>−Σ y·log p</c> over <paramref name="axis"/>; probabilities are divided
    /// by their sum and clipped to [ε, 1−ε], logits go through <c>log_softmax</c>.
    /// </summary>
    /// <param name="yTrue">One-hot (or soft) targets, same shape as <paramref name="yPred"/>.</param>
    /// <param name="yPred">Probabilities, or logits when <paramref name="fromLogits"/>.</param>
    /// <param name="fromLogits">Whether <paramref name="yPred"/> holds logits.</param>
    /// <param name="labelSmoothing">In [0, 1]: targets become <c>y·(1−s) + s/C</c>.</param>
    /// <param name="axis">The class axis (default −1).</param>
    /// <returns>One value per sample.</returns>
    public static Tensor CategoricalCrossentropy(Tensor yTrue, Tensor yPred, bool fromLogits = false, double labelSmoothing = 0,
        int axis = -1)
    {
        LossUtils.CheckLabelSmoothing(labelSmoothing);
        (yTrue, yPred) = LossUtils.Prepare(yTrue, yPred);
        if (!yTrue.shape.SequenceEqual(yPred.shape))
        {
            throw new ArgumentException(
                $"categorical_crossentropy expects one-hot targets of the same shape as the predictions. Received: y_true shape " +
                $"{(Shape)yTrue.shape}, y_pred shape {(Shape)yPred.shape}. For integer labels use \"sparse_categorical_crossentropy\".");
        }

        if (labelSmoothing > 0)
        {
            yTrue = yTrue * (1 - labelSmoothing) + labelSmoothing / yPred.shape[LossUtils.Axis(axis, yPred)];
        }

        return -(yTrue * LossUtils.LogProbabilities(yPred, fromLogits, axis)).sum(axis);
    }
}
