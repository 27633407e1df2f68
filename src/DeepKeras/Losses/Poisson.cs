namespace DeepKeras.Losses;

/// <summary>Poisson loss: <c>mean(y_pred − y_true · log(y_pred + ε))</c> over the last axis (Keras <c>"poisson"</c>).</summary>
/// <param name="reduction">Reduction (default sum_over_batch_size).</param>
/// <param name="name">Name.</param>
public sealed class Poisson(Reduction reduction = Reduction.SumOverBatchSize, string name = "poisson")
    : LossFunctionWrapper(LossFunctions.Poisson, reduction, name);

public static partial class LossFunctions
{
    /// <summary>Keras <c>poisson</c>: <c>mean(y_pred − y_true · log(y_pred + ε))</c> over the last axis (ε = 1e-7).</summary>
    /// <param name="yTrue">Targets (counts).</param>
    /// <param name="yPred">Predicted rates, same shape.</param>
    /// <returns>One value per sample.</returns>
    public static Tensor Poisson(Tensor yTrue, Tensor yPred) =>
        LossUtils.PerSample(yTrue, yPred, static (t, p) =>
        {
            using var s = new ScalarScope();
            return (p - t * p.add(s.Of((double)Keras.Backend.Epsilon), ScalarScope.One).log()).mean([-1]);
        });
}
