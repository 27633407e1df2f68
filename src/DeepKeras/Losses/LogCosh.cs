namespace DeepKeras.Losses;

/// <summary>
/// Mean of <c>log(cosh(y_pred − y_true))</c> over the last axis (Keras <c>"log_cosh"</c>): about <c>x²/2</c> for small
/// errors and <c>|x| − log 2</c> for large ones.
/// </summary>
/// <param name="reduction">Reduction (default sum_over_batch_size).</param>
/// <param name="name">Name.</param>
public sealed class LogCosh(Reduction reduction = Reduction.SumOverBatchSize, string name = "log_cosh")
    : LossFunctionWrapper(LossFunctions.LogCosh, reduction, name);

public static partial class LossFunctions
{
    /// <summary>
    /// Keras <c>log_cosh</c>: <c>mean(log cosh(x))</c> with <c>x = y_pred − y_true</c>, computed as
    /// <c>x + softplus(−2x) − log 2</c> so large errors do not overflow.
    /// </summary>
    /// <param name="yTrue">Targets.</param>
    /// <param name="yPred">Predictions, same shape.</param>
    /// <returns>One value per sample.</returns>
    public static Tensor LogCosh(Tensor yTrue, Tensor yPred) =>
        LossUtils.PerSample(yTrue, yPred, static (t, p) =>
        {
            var x = p - t;
            using var s = new ScalarScope();
            return x.add(nn.functional.softplus(x.mul(s.Of(-2.0))), ScalarScope.One).sub(s.Of(Math.Log(2.0))).mean([-1]);
        });
}
