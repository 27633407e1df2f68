using static TorchSharp.torch;

namespace DeepKeras.Losses;

/// <summary>
/// Binary cross-entropy averaged over the last axis (Keras <c>BinaryCrossentropy(from_logits=False,
/// label_smoothing=0.0)</c>). Probabilities are clipped to [ε, 1−ε] with ε = 1e-7 as Keras does; logits go through
/// a numerically stable log-sigmoid form.
/// </summary>
public sealed class BinaryCrossentropy : CrossentropyLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether <c>y_pred</c> holds logits rather than probabilities.</param>
    /// <param name="labelSmoothing">In [0, 1]: targets become <c>y·(1−s) + 0.5·s</c>.</param>
    /// <param name="reduction">Reduction.</param>
    /// <param name="name">Name.</param>
    /// <param name="axis">The axis the mean is taken over (default −1).</param>
    public BinaryCrossentropy(bool fromLogits = false, double labelSmoothing = 0, Reduction reduction = Reduction.SumOverBatchSize,
        string name = "binary_crossentropy", int axis = -1)
        : base(fromLogits, labelSmoothing, axis, name, reduction)
    {
    }

    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred) =>
        LossFunctions.BinaryCrossentropy(yTrue, yPred, FromLogits, LabelSmoothing, Axis);
}

public static partial class LossFunctions
{
    /// <summary>
    /// Keras <c>binary_crossentropy</c>: <c>mean(−(y·log p + (1−y)·log(1−p)))</c> over <paramref name="axis"/>, with
    /// <c>p</c> clipped to [ε, 1−ε] (probabilities) or taken through a stable log-sigmoid (logits).
    /// </summary>
    /// <param name="yTrue">Targets in [0, 1], same shape as <paramref name="yPred"/> (a missing trailing 1 is added).</param>
    /// <param name="yPred">Probabilities, or logits when <paramref name="fromLogits"/>.</param>
    /// <param name="fromLogits">Whether <paramref name="yPred"/> holds logits.</param>
    /// <param name="labelSmoothing">In [0, 1]: targets become <c>y·(1−s) + 0.5·s</c>.</param>
    /// <param name="axis">The axis the mean is taken over (default −1).</param>
    /// <returns>One value per sample.</returns>
    public static Tensor BinaryCrossentropy(Tensor yTrue, Tensor yPred, bool fromLogits = false, double labelSmoothing = 0, int axis = -1)
    {
        LossUtils.CheckLabelSmoothing(labelSmoothing);
        (yTrue, yPred) = LossUtils.Prepare(yTrue, yPred);
        LossUtils.CheckSameShape(yTrue, yPred, "binary_crossentropy");
        if (labelSmoothing > 0)
        {
            yTrue = yTrue * (1 - labelSmoothing) + 0.5 * labelSmoothing;
        }

        return LossUtils.BinaryCrossentropyElementwise(yTrue, yPred, fromLogits).mean([axis]);
    }
}
