namespace DeepKeras.Losses;

/// <summary>
/// Categorical hinge loss: <c>max(neg − pos + 1, 0)</c> with <c>pos = Σ y_true · y_pred</c> and
/// <c>neg = max((1 − y_true) · y_pred)</c> over the last axis (Keras <c>"categorical_hinge"</c>); one-hot targets.
/// </summary>
/// <param name="reduction">Reduction (default sum_over_batch_size).</param>
/// <param name="name">Name.</param>
public sealed class CategoricalHinge(Reduction reduction = Reduction.SumOverBatchSize, string name = "categorical_hinge")
    : LossFunctionWrapper(LossFunctions.CategoricalHinge, reduction, name);

public static partial class LossFunctions
{
    /// <summary>
    /// Keras <c>categorical_hinge</c>: <c>max(max((1 − y_true) · y_pred) − Σ y_true · y_pred + 1, 0)</c> over the last axis.
    /// </summary>
    /// <param name="yTrue">One-hot targets.</param>
    /// <param name="yPred">Predictions (raw scores), same shape.</param>
    /// <returns>One value per sample.</returns>
    public static Tensor CategoricalHinge(Tensor yTrue, Tensor yPred) =>
        LossUtils.PerSample(yTrue, yPred, static (t, p) =>
        {
            var one = ScalarScope.One;
            var pos = (t * p).sum(-1);
            var neg = LossUtils.OneMinus(t).mul(p).amax([-1]);
            return (neg - pos).add(one, one).clamp_min(ScalarScope.Zero);
        });
}
