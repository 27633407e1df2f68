namespace DeepKeras.Losses;

/// <summary>
/// Mean absolute percentage error: <c>100 · mean(|(y_true − y_pred) / max(|y_true|, ε)|)</c> over the last axis
/// (Keras <c>"mape"</c>).
/// </summary>
/// <param name="reduction">Reduction (default sum_over_batch_size).</param>
/// <param name="name">Name.</param>
public sealed class MeanAbsolutePercentageError(Reduction reduction = Reduction.SumOverBatchSize,
    string name = "mean_absolute_percentage_error")
    : LossFunctionWrapper(LossFunctions.MeanAbsolutePercentageError, reduction, name);

public static partial class LossFunctions
{
    /// <summary>
    /// Keras <c>mean_absolute_percentage_error</c>: <c>100 · mean(|(y_true − y_pred) / max(|y_true|, ε)|)</c>; ε = 1e-7
    /// keeps zero targets finite.
    /// </summary>
    /// <param name="yTrue">Targets.</param>
    /// <param name="yPred">Predictions, same shape.</param>
    /// <returns>One value per sample, in percent.</returns>
    public static Tensor MeanAbsolutePercentageError(Tensor yTrue, Tensor yPred) =>
        LossUtils.PerSample(yTrue, yPred, static (t, p) =>
        {
            using var s = new ScalarScope();
            var diff = ((t - p) / t.abs().clamp_min(s.Of((double)Keras.Backend.Epsilon))).abs();
            return diff.mean([-1]).mul(s.Of(100.0));
        });
}
