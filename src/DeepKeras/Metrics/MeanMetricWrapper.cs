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
        _mean.UpdateState(fn(yTrue, yPred), sampleWeight);
    }

    /// <inheritdoc/>
    public override double Result() => _mean.Result();

    /// <inheritdoc/>
    public override void ResetState() => _mean.ResetState();
}
