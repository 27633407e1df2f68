using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>
/// The (weighted) mean of the values given to <see cref="UpdateState(Tensor, Tensor?)"/>
/// (Keras <c>keras.metrics.Mean</c>); the tracker to use in a custom <c>TrainStep</c>.
/// </summary>
/// <param name="name">The name shown in logs.</param>
public class Mean(string name = "mean") : Metric(name)
{
    private Tensor? _total;
    private Tensor? _count;

    /// <summary>Accumulates values (any shape) with optional weights.</summary>
    /// <param name="values">The values.</param>
    /// <param name="sampleWeight">Weights broadcast against <paramref name="values"/>, or null.</param>
    public void UpdateState(Tensor values, Tensor? sampleWeight = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var v = values.detach().to(float64);
        Ensure(v.device);
        if (sampleWeight is null)
        {
            using var count = v.numel().ToScalar();
            _total!.add_(v.sum(), ScalarScope.One);
            _count!.add_(count, ScalarScope.One);
            return;
        }

        var w = sampleWeight.detach().to(float64).to(v.device);
        while (w.dim() < v.dim())
        {
            w = w.unsqueeze(-1);
        }

        while (w.dim() > v.dim() && w.shape[^1] == 1)
        {
            w = w.squeeze(-1);
        }

        w = w.expand_as(v);
        _total!.add_((v * w).sum(), ScalarScope.One);
        _count!.add_(w.sum(), ScalarScope.One);
    }

    /// <summary>Accumulates one value with a weight.</summary>
    /// <param name="value">The value.</param>
    /// <param name="weight">Its weight.</param>
    public void UpdateState(double value, double weight = 1)
    {
        using var noGrad = no_grad();
        Ensure(Keras.Backend.TorchDevice);
        using var s = new ScalarScope();
        _total!.add_(s.Of(value * weight), ScalarScope.One);
        _count!.add_(s.Of(weight), ScalarScope.One);
    }

    /// <summary>Accumulates a scalar tensor with a weight (the batch size for the loss tracker).</summary>
    internal void UpdateScalar(Tensor value, double weight)
    {
        using var noGrad = no_grad();
        Ensure(value.device);
        using var w = weight.ToScalar();
        _total!.add_(value.detach().to(float64).mul(w), ScalarScope.One);
        _count!.add_(w, ScalarScope.One);
    }

    /// <inheritdoc/>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) => UpdateState(yPred, sampleWeight);

    /// <inheritdoc/>
    public override double Result()
    {
        if (_total is null)
        {
            return 0;
        }

        using var noGrad = no_grad();
        var count = _count!.item<double>();
        return count == 0 ? 0 : _total.item<double>() / count;
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Tensor>? SummableState => _total is null ? [] : [_total, _count!];

    /// <inheritdoc/>
    public override void ResetState()
    {
        _total?.Dispose();
        _count?.Dispose();
        _total = null;
        _count = null;
    }

    private void Ensure(torch.Device device)
    {
        ThrowIfDisposed();
        if (_total is null || _total.device_type != device.type || _total.device_index != device.index)
        {
            _total = zeros([], dtype: float64, device: device).DetachFromDisposeScope();
            _count = zeros([], dtype: float64, device: device).DetachFromDisposeScope();
        }
    }
}
