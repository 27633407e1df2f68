namespace DeepKeras.Losses;

/// <summary>Mean of absolute errors over the last axis: <c>mean(|y_true − y_pred|)</c> (Keras <c>"mae"</c>).</summary>
/// <param name="reduction">Reduction (default sum_over_batch_size).</param>
/// <param name="name">Name.</param>
public sealed class MeanAbsoluteError(Reduction reduction = Reduction.SumOverBatchSize, string name = "mean_absolute_error")
    : LossFunctionWrapper(LossFunctions.MeanAbsoluteError, reduction, name);

public static partial class LossFunctions
{
    /// <summary>Keras <c>mean_absolute_error</c>: <c>mean(|y_true − y_pred|)</c> over the last axis.</summary>
    /// <param name="yTrue">Targets.</param>
    /// <param name="yPred">Predictions, same shape.</param>
    /// <returns>One value per sample.</returns>
    public static Tensor MeanAbsoluteError(Tensor yTrue, Tensor yPred) =>
        LossUtils.PerSample(yTrue, yPred, static (t, p) => (t - p).abs().mean([-1]));
}
