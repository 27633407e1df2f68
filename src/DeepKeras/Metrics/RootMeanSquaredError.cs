using DeepKeras.Losses;
using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>
/// Root mean squared error <c>sqrt(mean((y_pred − y_true)²))</c> over everything seen since the last reset (Keras
/// <c>keras.metrics.RootMeanSquaredError</c>): the square root is taken of the accumulated mean, not per batch.
/// </summary>
/// <param name="name">The name.</param>
public sealed class RootMeanSquaredError(string name = "root_mean_squared_error") : Metric(name)
{
    private readonly Mean _mean = new(name);

    /// <inheritdoc/>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (t, p) = LossUtils.Prepare(yTrue, yPred);
        _mean.UpdateState((p - t).square(), sampleWeight);
    }

    /// <inheritdoc/>
    public override double Result() => Math.Sqrt(_mean.Result());

    /// <inheritdoc/>
    public override void ResetState() => _mean.ResetState();

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Tensor>? SummableState => _mean.SummableState;

    private protected override Metric? InnerMetric => _mean;
}
