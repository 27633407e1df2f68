namespace DeepKeras.Losses;

/// <summary>Mean of squared errors over the last axis: <c>mean((y_true − y_pred)²)</c> (Keras <c>"mse"</c>).</summary>
/// <param name="reduction">Reduction (default sum_over_batch_size).</param>
/// <param name="name">Name.</param>
public sealed class MeanSquaredError(Reduction reduction = Reduction.SumOverBatchSize, string name = "mean_squared_error")
    : LossFunctionWrapper(LossFunctions.MeanSquaredError, reduction, name);

public static partial class LossFunctions
{
    /// <summary>Keras <c>mean_squared_error</c>: <c>mean((y_true − y_pred)²)</c> over the last axis.</summary>
    /// <param name="yTrue">Targets.</param>
    /// <param name="yPred">Predictions, same shape.</param>
    /// <returns>One value per sample (shape of <paramref name="yPred"/> without its last axis).</returns>
    public static Tensor MeanSquaredError(Tensor yTrue, Tensor yPred) =>
        LossUtils.PerSample(yTrue, yPred, static (t, p) => LossUtils.Squared(t - p).mean([-1]));
}
