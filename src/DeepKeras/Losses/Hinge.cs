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
        LossUtils.PerSample(yTrue, yPred, static (t, p) => (1.0 - ToSignedLabels(t) * p).clamp_min(0).mean([-1]));

    /// <summary>Keras's <c>convert_binary_labels_to_hinge</c>: when every label is 0 or 1, maps them to −1/+1.</summary>
    private static Tensor ToSignedLabels(Tensor yTrue)
    {
        // The test is over the whole batch (Keras's ops.cond); a 0-d condition in `where` avoids a device sync.
        var binary = yTrue.eq(0).logical_or(yTrue.eq(1)).all();
        return where(binary, 2.0 * yTrue - 1.0, yTrue);
    }
}
