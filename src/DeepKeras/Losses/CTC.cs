using static TorchSharp.torch;

namespace DeepKeras.Losses;

/// <summary>
/// Connectionist Temporal Classification loss (Keras <c>keras.losses.CTC</c>), computed by libtorch's
/// <c>ctc_loss</c>. <c>y_true</c> is <c>(batch, max_label_length)</c> integer labels where 0 is both the blank symbol
/// and the padding (so real classes are 1…C−1); <c>y_pred</c> is <c>(batch, time, C)</c> unnormalized logits. Each
/// label's length is its count of non-zero entries and each input uses all <c>time</c> steps; pass explicit lengths
/// with <see cref="Call(Tensor, Tensor, Tensor?, Tensor?, Tensor?)"/>.
/// </summary>
/// <param name="reduction">Reduction (default sum_over_batch_size: the mean over the batch).</param>
/// <param name="name">Name.</param>
public sealed class CTC(Reduction reduction = Reduction.SumOverBatchSize, string name = "ctc") : Loss(name, reduction)
{
    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred) => LossFunctions.CTC(yTrue, yPred);

    /// <summary>Computes the reduced loss with explicit label and logit lengths (Keras <c>ops.ctc_loss</c>).</summary>
    /// <param name="yTrue">Labels, <c>(batch, max_label_length)</c>.</param>
    /// <param name="yPred">Logits, <c>(batch, time, classes)</c>.</param>
    /// <param name="labelLength">Per-sample label lengths <c>(batch,)</c>, or null to count non-zero labels.</param>
    /// <param name="logitLength">Per-sample valid time steps <c>(batch,)</c>, or null for all of <c>time</c>.</param>
    /// <param name="sampleWeight">Optional per-sample weights.</param>
    /// <returns>The reduced loss.</returns>
    public Tensor Call(Tensor yTrue, Tensor yPred, Tensor? labelLength, Tensor? logitLength, Tensor? sampleWeight = null) =>
        Reduce(LossFunctions.CTC(yTrue, yPred, labelLength, logitLength), sampleWeight, Reduction);
}

public static partial class LossFunctions
{
    /// <summary>
    /// Keras <c>keras.losses.ctc</c>: the negative log-likelihood of each label sequence under all CTC alignments of the
    /// softmax of <paramref name="yPred"/>, with blank index 0. Impossible alignments (a label longer than its input
    /// allows) give +∞, as in Keras.
    /// </summary>
    /// <param name="yTrue">Labels, <c>(batch, max_label_length)</c>; 0 is blank/padding.</param>
    /// <param name="yPred">Logits, <c>(batch, time, classes)</c> (not softmax-normalized).</param>
    /// <param name="labelLength">Label lengths <c>(batch,)</c>, or null to count the non-zero labels of each row.</param>
    /// <param name="logitLength">Valid time steps <c>(batch,)</c>, or null for <c>time</c> everywhere.</param>
    /// <returns>One loss per sample, <c>(batch,)</c>.</returns>
    /// <exception cref="ArgumentException">The ranks are not 2 and 3, or the batch sizes differ.</exception>
    public static Tensor CTC(Tensor yTrue, Tensor yPred, Tensor? labelLength = null, Tensor? logitLength = null)
    {
        if (yTrue.dim() != 2)
        {
            throw new ArgumentException(
                "Targets `y_true` are expected to be a tensor of shape `(batch_size, max_length)` in integer format. " +
                $"Received: y_true.shape={(Shape)yTrue.shape}", nameof(yTrue));
        }

        if (yPred.dim() != 3)
        {
            throw new ArgumentException(
                "Logits `y_pred` are expected to be a tensor of shape `(batch_size, max_length, num_classes)`. " +
                $"Received: y_pred.shape={(Shape)yPred.shape}", nameof(yPred));
        }

        if (yTrue.shape[0] != yPred.shape[0])
        {
            throw new ArgumentException(
                $"CTC expects y_true and y_pred with the same batch size. Received: y_true.shape={(Shape)yTrue.shape}, " +
                $"y_pred.shape={(Shape)yPred.shape}", nameof(yTrue));
        }

        var batch = yPred.shape[0];
        var logits = yPred.dtype == float64 ? yPred : yPred.to(float32);
        var logProbs = logits.transpose(0, 1).log_softmax(-1);
        var targets = yTrue.to(int64);
        var targetLengths = labelLength?.to(int64) ?? targets.ne(0).sum(-1).to(int64);
        var inputLengths = logitLength?.to(int64) ?? full(batch, yPred.shape[1], dtype: int64, device: yPred.device);
        return nn.functional.ctc_loss(logProbs, targets, inputLengths.to(yPred.device), targetLengths.to(yPred.device),
            blank: 0, zero_infinity: false, reduction: nn.Reduction.None);
    }
}
