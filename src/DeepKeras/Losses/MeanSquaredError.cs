using static TorchSharp.torch;

namespace DeepKeras.Losses;

/// <summary>Mean of squared errors over the last axis: <c>mean((y_true - y_pred)²)</c> (Keras <c>"mse"</c>).</summary>
/// <param name="reduction">Reduction (default sum_over_batch_size).</param>
/// <param name="name">Name.</param>
public sealed class MeanSquaredError(Reduction reduction = Reduction.SumOverBatchSize, string name = "mean_squared_error")
    : Loss(name, reduction)
{
    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred) =>
        (yPred - yTrue.to(yPred.dtype)).square().mean([-1]);
}
