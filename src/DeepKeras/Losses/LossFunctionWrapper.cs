using static TorchSharp.torch;

namespace DeepKeras.Losses;

/// <summary>
/// A loss made from a per-sample function of <c>(y_true, y_pred)</c> (Keras <c>LossFunctionWrapper</c>): the function
/// gets targets and predictions brought to the same rank, and the result is weighted and reduced like any loss.
/// </summary>
/// <param name="fn">Returns one value per sample, e.g. <c>(y, p) =&gt; (y - p).abs().mean([-1])</c>.</param>
/// <param name="reduction">Reduction (default sum_over_batch_size).</param>
/// <param name="name">Name.</param>
public class LossFunctionWrapper(Func<Tensor, Tensor, Tensor> fn, Reduction reduction = Reduction.SumOverBatchSize, string name = "loss")
    : Loss(name, reduction)
{
    /// <summary>Gets the wrapped function.</summary>
    public Func<Tensor, Tensor, Tensor> Function { get; } = fn ?? throw new ArgumentNullException(nameof(fn));

    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = LossUtils.SameRank(yTrue, yPred);
        return Function(t, p);
    }
}
