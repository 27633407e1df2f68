namespace DeepKeras.Losses;

/// <summary>
/// Mean squared logarithmic error: <c>mean((log(max(y_pred, ε) + 1) − log(max(y_true, ε) + 1))²)</c> over the last
/// axis (Keras <c>"msle"</c>).
/// </summary>
/// <param name="reduction">Reduction (default sum_over_batch_size).</param>
/// <param name="name">Name.</param>
public sealed class MeanSquaredLogarithmicError(Reduction reduction = Reduction.SumOverBatchSize,
    string name = "mean_squared_logarithmic_error")
    : LossFunctionWrapper(LossFunctions.MeanSquaredLogarithmicError, reduction, name);

public static partial class LossFunctions
{
    /// <summary>
    /// Keras <c>mean_squared_logarithmic_error</c>: <c>mean((log(max(y_pred, ε) + 1) − log(max(y_true, ε) + 1))²)</c>;
    /// values at or below 0 are replaced by ε = 1e-7.
    /// </summary>
    /// <param name="yTrue">Targets.</param>
    /// <param name="yPred">Predictions, same shape.</param>
    /// <returns>One value per sample.</returns>
    public static Tensor MeanSquaredLogarithmicError(Tensor yTrue, Tensor yPred) =>
        LossUtils.PerSample(yTrue, yPred, static (t, p) =>
        {
            using var s = new ScalarScope();
            var (eps, one) = (s.Of((double)Keras.Backend.Epsilon), ScalarScope.One);
            var first = p.clamp_min(eps).add(one, one).log();
            var second = t.clamp_min(eps).add(one, one).log();
            return LossUtils.Squared(first - second).mean([-1]);
        });
}
