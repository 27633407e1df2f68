using DeepKeras.Engine;
using DeepKeras.Losses;
using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>A metric that is the weighted mean of a per-sample function of (y_true, y_pred) (Keras <c>MeanMetricWrapper</c>).</summary>
/// <param name="fn">Returns one value per sample.</param>
/// <param name="name">The name shown in logs.</param>
public class MeanMetricWrapper(Func<Tensor, Tensor, Tensor> fn, string name) : Metric(name)
{
    private readonly Mean _mean = new(name);

    /// <inheritdoc/>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var values = fn(yTrue, yPred);
        // Keras: padded time steps of a masked sequence output (the mask y_pred carries) get weight 0.
        var mask = KerasMask.Get(yPred);
        _mean.UpdateState(values, mask is null ? sampleWeight : Loss.ApplyMask(sampleWeight, mask, values, Reduction.Sum));
    }

    /// <inheritdoc/>
    public override double Result() => _mean.Result();

    /// <inheritdoc/>
    public override void ResetState() => _mean.ResetState();

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Tensor>? SummableState => _mean.SummableState;

    private protected override Metric? InnerMetric => _mean;
}
