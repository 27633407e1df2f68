namespace DeepKeras.Losses;

/// <summary>
/// Squared hinge loss: <c>mean(max(1 − y_true · y_pred, 0)²)</c> over the last axis (Keras <c>"squared_hinge"</c>);
/// 0/1 targets are converted to −1/+1 first.
/// </summary>
/// <param name="reduction">Reduction (default sum_over_batch_size).</param>
/// <param name="name">Name.</param>
public sealed class SquaredHinge(Reduction reduction = Reduction.SumOverBatchSize, string name = "squared_hinge")
    : LossFunctionWrapper(LossFunctions.SquaredHinge, reduction, name);

public static partial class LossFunctions
{
    /// <summary>Keras <c>squared_hinge</c>: <c>mean(max(1 − y_true · y_pred, 0)²)</c>; 0/1 targets become −1/+1.</summary>
    /// <param name="yTrue">Targets in {−1, 1} or {0, 1}.</param>
    /// <param name="yPred">Predictions (raw scores), same shape.</param>
    /// <returns>One value per sample.</returns>
    public static Tensor SquaredHinge(Tensor yTrue, Tensor yPred) =>
        LossUtils.PerSample(yTrue, yPred, static (t, p) => LossUtils.Squared(Margins(t, p)).mean([-1]));
}
