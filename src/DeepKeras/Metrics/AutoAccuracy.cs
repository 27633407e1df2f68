using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>
/// <c>"accuracy"</c>/<c>"acc"</c> as Keras resolves it from the data on first use: binary when predictions have
/// one unit, sparse categorical when labels are integers of lower rank (or a trailing 1), categorical otherwise.
/// </summary>
internal sealed class AutoAccuracy(string name) : Metric(name)
{
    private Metric? _inner;

    /// <summary>Gets the resolved metric (after the first update).</summary>
    public Metric? Resolved => _inner;

    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        ThrowIfDisposed();
        _inner ??= Resolve(yTrue, yPred, Name);
        _inner.UpdateState(yTrue, yPred, sampleWeight);
    }

    public override double Result() => _inner?.Result() ?? 0;

    public override void ResetState() => _inner?.ResetState();

    protected internal override IReadOnlyList<Tensor>? SummableState => _inner is null ? [] : _inner.SummableState;

    /// <inheritdoc/>
    private protected override Metric? InnerMetric => _inner;

    internal static Metric Resolve(Tensor yTrue, Tensor yPred, string name)
    {
        if (yPred.shape[^1] == 1)
        {
            return new BinaryAccuracy(name);
        }

        var sparse = yTrue.dim() < yPred.dim() || (yTrue.shape[^1] == 1 && yPred.shape[^1] > 1);
        return sparse ? new SparseCategoricalAccuracy(name) : new CategoricalAccuracy(name);
    }
}
