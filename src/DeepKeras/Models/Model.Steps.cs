using DeepKeras.Callbacks;
using DeepKeras.Distribution;
using DeepKeras.Training;

namespace DeepKeras.Models;

public partial class Model
{
    /// <summary>
    /// One training step on a batch (Keras <c>train_step</c>): forward in training mode, compiled loss, backward,
    /// optimizer update, metric updates. Override it for custom training (VAE, GAN); return
    /// <see cref="GetMetricsResult"/>. It runs inside a per-batch dispose scope.
    /// </summary>
    /// <param name="data">The batch (inputs, targets, sample weights) on the model's device.</param>
    /// <returns>The running metric values shown in the progress bar.</returns>
    protected virtual Logs TrainStep(Batch data)
    {
        var yPred = Forward(data.X, training: true);
        var loss = ComputeLoss(data.X, data.Y, yPred, data.SampleWeight, training: true);
        _lossTracker.UpdateScalar(loss, data.Size);
        ApplyGradients(loss, TrainableWeights);
        UpdateCompiledMetrics(data.Y, yPred, data.SampleWeight);
        return GetMetricsResult();
    }

    /// <summary>One evaluation step (Keras <c>test_step</c>): forward in inference mode, loss and metrics.</summary>
    /// <param name="data">The batch.</param>
    /// <returns>The running metric values.</returns>
    protected virtual Logs TestStep(Batch data)
    {
        var yPred = Forward(data.X, training: false);
        var loss = ComputeLoss(data.X, data.Y, yPred, data.SampleWeight, training: false);
        _lossTracker.UpdateScalar(loss, data.Size);
        UpdateCompiledMetrics(data.Y, yPred, data.SampleWeight);
        return GetMetricsResult();
    }

    /// <summary>One prediction step (Keras <c>predict_step</c>): forward in inference mode.</summary>
    /// <param name="data">The batch (targets are ignored).</param>
    /// <returns>One tensor per output.</returns>
    protected virtual Tensor[] PredictStep(Batch data) => Forward(data.X, training: false);

    /// <summary>
    /// Computes the loss to minimize (Keras <c>compute_loss</c>): the compiled loss (Σ wᵢ·lossᵢ over outputs) plus the
    /// sum of <see cref="Layers.Layer.Losses"/> (weight regularization and losses added with <c>AddLoss</c> during
    /// the forward pass). It updates the per-output loss trackers of multi-output models but not the <c>loss</c>
    /// tracker: <see cref="TrainStep"/>/<see cref="TestStep"/> do that, so a custom step that calls it updates
    /// <c>loss</c> once, itself. Override it to compute the loss differently.
    /// </summary>
    /// <param name="x">The inputs (unused by the default implementation).</param>
    /// <param name="y">The targets; needed when a loss was compiled.</param>
    /// <param name="yPred">The predictions, one tensor per output.</param>
    /// <param name="sampleWeight">Per-sample weights, or null.</param>
    /// <param name="training">Whether this is a training step.</param>
    /// <returns>The scalar loss to minimize.</returns>
    /// <exception cref="InvalidOperationException">No loss was compiled and no layer added one.</exception>
    protected virtual Tensor ComputeLoss(Tensor[]? x = null, Tensor[]? y = null, Tensor[]? yPred = null, Tensor? sampleWeight = null,
        bool training = true)
    {
        ArgumentNullException.ThrowIfNull(yPred);
        var extraLosses = Losses;
        if (_compiled?.Losses is null && extraLosses.Count == 0)
        {
            throw new InvalidOperationException(
                $"Model \"{Name}\" has no loss: pass `loss` to `Compile()`, add losses with `AddLoss`, or override `TrainStep`/`TestStep` to compute it.");
        }

        Tensor? total = null;
        if (_compiled?.Losses is { } losses)
        {
            if (y is null)
            {
                throw new ArgumentException("The compiled loss needs targets: call Fit/Evaluate with `y`.", nameof(y));
            }

            if (y.Length != yPred.Length)
            {
                throw new ArgumentException($"Model \"{Name}\" has {yPred.Length} output(s) but {y.Length} target array(s) were given.", nameof(y));
            }

            for (var i = 0; i < yPred.Length; i++)
            {
                if (losses[i] is not { } lossFn)
                {
                    continue;
                }

                var value = lossFn.Call(y[i], yPred[i], sampleWeight);
                _compiled.TrackerOf(i)?.UpdateScalar(value, yPred[i].shape[0]);
                using var s = new ScalarScope();
                var weighted = _compiled.Weights is { } w ? value.mul(s.Of(w[i])) : value;
                total = total is null ? weighted : total.add(weighted, ScalarScope.One);
            }
        }

        foreach (var extra in extraLosses)
        {
            var value = extra.dim() == 0 ? extra : extra.sum();
            total = total is null ? value : total.add(value, ScalarScope.One);
        }

        return total ?? zeros([], device: yPred[0].device);
    }

    /// <summary>
    /// Clears the gradients of all weights (Keras's torch backend <c>model.zero_grad()</c>, torch's
    /// <c>zero_grad(set_to_none=True)</c>): the next <c>backward()</c> writes fresh gradients instead of adding to the
    /// old ones. Call it at the start of a custom <see cref="TrainStep"/> that calls <c>backward()</c> itself.
    /// </summary>
    public void ZeroGrad()
    {
        foreach (var v in Weights)
        {
            v.Value.grad = null;
        }
    }

    /// <summary>Back-propagates <paramref name="loss"/> and lets the optimizer update <paramref name="variables"/>.</summary>
    /// <param name="loss">The scalar loss.</param>
    /// <param name="variables">The variables to update (e.g. only the generator's in a GAN step).</param>
    protected void ApplyGradients(Tensor loss, IReadOnlyList<Variable> variables) =>
        ApplyGradients(loss, variables, Optimizer ?? throw new InvalidOperationException("You must call `Compile()` before training."));

    /// <summary>Back-propagates <paramref name="loss"/> and updates <paramref name="variables"/> with a given optimizer (GAN: one per network).</summary>
    /// <param name="loss">The scalar loss.</param>
    /// <param name="variables">The variables to update.</param>
    /// <param name="optimizer">The optimizer.</param>
    protected static void ApplyGradients(Tensor loss, IReadOnlyList<Variable> variables, Optimizers.Optimizer optimizer)
    {
        // Gradients are set to none rather than zeroed (torch's zero_grad(set_to_none=True)): backward then writes fresh
        // gradients instead of zeroing and accumulating into the old ones.
        foreach (var v in variables)
        {
            v.Value.grad = null;
        }

        if (variables.Count == 0)
        {
            return;
        }

        DataParallelTraining.ScaleLoss(loss).backward();
        optimizer.Apply(variables.Select(v => v.Value.grad).ToArray(), variables);
    }

    /// <summary>
    /// Updates the compiled metrics with a batch's targets and predictions (Keras <c>compute_metrics</c>). As in Keras,
    /// the metrics of <c>Compile(metrics: ...)</c> are not weighted; those of <c>Compile(weightedMetrics: ...)</c> are.
    /// </summary>
    /// <param name="y">The targets.</param>
    /// <param name="yPred">The predictions.</param>
    /// <param name="sampleWeight">Per-sample weights (class weights included), or null; applied to the weighted metrics only.</param>
    protected void UpdateCompiledMetrics(Tensor[]? y, Tensor[] yPred, Tensor? sampleWeight)
    {
        if (_compiled is null || y is null)
        {
            return;
        }

        for (var i = 0; i < Math.Min(yPred.Length, _compiled.Metrics.Length); i++)
        {
            foreach (var m in _compiled.Metrics[i])
            {
                m.UpdateState(y[i], yPred[i], null);
            }

            foreach (var m in _compiled.WeightedMetrics[i])
            {
                m.UpdateState(y[i], yPred[i], sampleWeight);
            }
        }
    }

    /// <summary>Returns the current values of <see cref="Metrics"/> (Keras <c>get_metrics_result</c>), read lazily.</summary>
    protected Logs GetMetricsResult()
    {
        var metrics = Metrics;
        return new Logs(() => metrics.Select(m => new KeyValuePair<string, double>(m.Name, m.Result())));
    }

    private void ResetMetrics()
    {
        foreach (var m in Metrics)
        {
            m.ResetState();
        }
    }
}
