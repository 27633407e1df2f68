using static TorchSharp.torch;

namespace DeepKeras.Losses;

/// <summary>
/// Negative cosine similarity: <c>−Σ l2_normalize(y_true) · l2_normalize(y_pred)</c> along <see cref="Axis"/>
/// (Keras <c>CosineSimilarity(axis=-1)</c>). −1 means identical directions, 0 orthogonal (or a zero vector), 1 opposite,
/// so minimizing it maximizes similarity.
/// </summary>
public sealed class CosineSimilarity : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="axis">The feature axis along which similarity is computed (default −1).</param>
    /// <param name="reduction">Reduction (default sum_over_batch_size).</param>
    /// <param name="name">Name.</param>
    public CosineSimilarity(int axis = -1, Reduction reduction = Reduction.SumOverBatchSize, string name = "cosine_similarity")
        : base(name, reduction) => Axis = axis;

    /// <summary>Gets the feature axis.</summary>
    public int Axis { get; }

    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred) => LossFunctions.CosineSimilarity(yTrue, yPred, Axis);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["axis"] = Axis;
        return c;
    }
}

public static partial class LossFunctions
{
    /// <summary>
    /// Keras <c>keras.losses.cosine_similarity</c>: <c>−Σ l2_normalize(y_true) · l2_normalize(y_pred)</c> along
    /// <paramref name="axis"/>; a zero vector gives 0.
    /// </summary>
    /// <param name="yTrue">Targets.</param>
    /// <param name="yPred">Predictions, same shape.</param>
    /// <param name="axis">The feature axis (default −1).</param>
    /// <returns>The input shape without <paramref name="axis"/>, values in [−1, 1].</returns>
    public static Tensor CosineSimilarity(Tensor yTrue, Tensor yPred, int axis = -1)
    {
        (yTrue, yPred) = LossUtils.Prepare(yTrue, yPred);
        return -(LossUtils.L2Normalize(yTrue, axis) * LossUtils.L2Normalize(yPred, axis)).sum(axis);
    }
}
