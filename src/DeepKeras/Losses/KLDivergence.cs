namespace DeepKeras.Losses;

/// <summary>
/// Kullback-Leibler divergence: <c>Σ y_true · log(y_true / y_pred)</c> over the last axis, both clipped to [ε, 1]
/// (Keras <c>"kl_divergence"</c>, <c>"kld"</c>).
/// </summary>
/// <param name="reduction">Reduction (default sum_over_batch_size).</param>
/// <param name="name">Name.</param>
public sealed class KLDivergence(Reduction reduction = Reduction.SumOverBatchSize, string name = "kl_divergence")
    : LossFunctionWrapper(LossFunctions.KLDivergence, reduction, name);

public static partial class LossFunctions
{
    /// <summary>
    /// Keras <c>kl_divergence</c>: <c>Σ y_true · log(y_true / y_pred)</c> over the last axis; both are probability
    /// distributions clipped to [ε, 1] (ε = 1e-7), so zeros stay finite.
    /// </summary>
    /// <param name="yTrue">Target distributions.</param>
    /// <param name="yPred">Predicted distributions, same shape.</param>
    /// <returns>One value per sample.</returns>
    public static Tensor KLDivergence(Tensor yTrue, Tensor yPred) =>
        LossUtils.PerSample(yTrue, yPred, static (t, p) =>
        {
            using var s = new ScalarScope();
            var eps = s.Of((double)Keras.Backend.Epsilon);
            t = t.clamp(eps, ScalarScope.One);
            p = p.clamp(eps, ScalarScope.One);
            return (t * (t / p).log()).sum(-1);
        });
}
