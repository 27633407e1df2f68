namespace DeepKeras.Losses;

/// <summary>
/// Hinge loss: <c>mean(max(1 − y_true · y_pred, 0))</c> over the last axis (Keras <c>"hinge"</c>). Targets are −1/+1;
/// 0/1 targets are converted to −1/+1 first.
/// </summary>
/// <param name="reduction">Reduction (default sum_over_batch_size).</param>
/// <param name="name">Name.</param>
public sealed class Hinge(Reduction reduction = Reduction.SumOverBatchSize, string name = "hinge")
    : LossFunctionWrapper(LossFunctions.Hinge, reduction, name);

public static partial class LossFunctions
{
    /// <summary>Keras <c>hinge</c>: <c>mean(max(1 − y_true · y_pred, 0))</c>; 0/1 targets become −1/+1.</summary>
    /// <param name="yTrue">Targets in {−1, 1} or {0, 1}.</param>
    /// <param name="yPred">Predictions (raw scores), same shape.</param>
    /// <returns>One value per sample.</returns>
    public static Tensor Hinge(Tensor yTrue, Tensor yPred) =>
        LossUtils.PerSample(yTrue, yPred, static (t, p) => Margins(t, p).mean([-1]));

    /// <summary><c>max(1 − y·p, 0)</c> with y in {−1, 1}: the per-element hinge of <see cref="Hinge"/> and <see cref="SquaredHinge"/>.</summary>
    private static Tensor Margins(Tensor yTrue, Tensor yPred)
    {
        using var s = new ScalarScope();
        return LossUtils.OneMinus(ToSignedLabels(yTrue, s).mul(yPred)).clamp_min(ScalarScope.Zero);
    }

    /// <summary>Keras's <c>convert_binary_labels_to_hinge</c>: when every label is 0 or 1, maps them to −1/+1.</summary>
    private static Tensor ToSignedLabels(Tensor yTrue, ScalarScope s)
    {
        // The test is over the whole batch (Keras's ops.cond); a 0-d condition in `where` avoids a device sync.
        var binary = yTrue.eq(ScalarScope.Zero).logical_or(yTrue.eq(ScalarScope.One)).all();
        return where(binary, yTrue.mul(s.Of(2.0)).sub(s.Of(1.0)), yTrue);
    }
}
