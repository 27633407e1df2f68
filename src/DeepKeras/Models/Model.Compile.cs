using DeepKeras.Losses;
using DeepKeras.Metrics;
using DeepKeras.Optimizers;

namespace DeepKeras.Models;

public partial class Model
{
    private CompiledOutputs? _compiled;
    private readonly Mean _lossTracker = new("loss");

    /// <summary>Gets the optimizer set by <see cref="Compile"/>.</summary>
    public Optimizer? Optimizer { get; protected set; }

    /// <summary>Gets the arguments of the last <c>Compile</c>, as saved in the <c>compile_config</c> of a <c>.keras</c> file.</summary>
    internal Saving.CompileRecord? CompileArgs { get; private set; }

    /// <summary>Gets whether the model has been compiled.</summary>
    public bool Compiled { get; private set; }

    /// <summary>Gets the compiled loss of the first output that has one, if any.</summary>
    public Loss? Loss => _compiled?.Losses?.FirstOrDefault(l => l is not null);

    /// <summary>
    /// Configures training (Keras <c>compile</c>). Strings are Keras identifiers: optimizer <c>"adam"</c>,
    /// <c>"sgd"</c>, <c>"rmsprop"</c> (the default); loss <c>"mse"</c>, <c>"sparse_categorical_crossentropy"</c>, …;
    /// metrics <c>"accuracy"</c>, <c>"mae"</c>, …. A model with several outputs takes <paramref name="loss"/>,
    /// <paramref name="metrics"/> and <paramref name="lossWeights"/> per output, as a list in output order or a
    /// dictionary keyed by output name (<see cref="OutputNames"/>, or the keys of dictionary outputs); its logs then
    /// read <c>priority_loss</c>, <c>department_accuracy</c>, ….
    /// </summary>
    /// <param name="optimizer">Optimizer instance or name; default <c>"rmsprop"</c>.</param>
    /// <param name="loss">
    /// One loss for every output, a list with one loss per output (null: no loss for that output), or a dictionary keyed
    /// by output name; null for models whose <see cref="TrainStep"/> computes its own loss.
    /// </param>
    /// <param name="metrics">
    /// Metrics shown in the progress bar and History: a list for a single-output model; for several outputs, one entry
    /// per output (a metric, a list of metrics or null) or a dictionary keyed by output name.
    /// </param>
    /// <param name="lossWeights">Weights of the output losses (a list or a dictionary by output name): total loss = Σ wᵢ·lossᵢ.</param>
    /// <param name="weightedMetrics">
    /// Metrics weighted by the sample weights (and class weights) of <c>Fit</c>/<c>Evaluate</c> (Keras
    /// <c>weighted_metrics</c>), in the forms of <paramref name="metrics"/>; the plain metrics are not weighted. Logged
    /// after the plain ones under their own names, or as <c>weighted_mae</c> when a plain metric has the name.
    /// </param>
    /// <exception cref="ArgumentException">A list has the wrong length or a dictionary names an unknown output; the message lists the output names.</exception>
    public virtual void Compile(Optimizer? optimizer = null, LossArg? loss = null, MetricsArg? metrics = null, LossWeightsArg? lossWeights = null,
        MetricsArg? weightedMetrics = null)
    {
        ThrowIfDisposed();
        var compiled = CompiledOutputs.Resolve(Name, OutputLabels, OutputKeys is not null, loss, lossWeights, metrics, weightedMetrics);
        Optimizer = optimizer ?? new RMSprop();
        _compiled = compiled;
        CompileArgs = new Saving.CompileRecord(Optimizer, loss, metrics, lossWeights, weightedMetrics);
        Compiled = true;
    }

    /// <summary>
    /// Gets the metrics reset at each epoch start and reported in logs: the loss tracker, compiled metrics, then the
    /// metrics held by fields and properties of the model and its layers (custom trackers) — Keras's <c>model.metrics</c>.
    /// Override it to choose the list yourself.
    /// </summary>
    public virtual IReadOnlyList<Metric> Metrics
    {
        get
        {
            var list = new List<Metric>();
            if (Compiled)
            {
                // Keras keeps a loss tracker once compiled, also without a compiled loss (losses added by layers).
                list.Add(_lossTracker);
            }

            if (_compiled is not null)
            {
                // Keras's order: the loss tracker, the compiled metrics, then the per-output loss trackers.
                list.AddRange(_compiled.Metrics.SelectMany(m => m));
                list.AddRange(_compiled.WeightedMetrics.SelectMany(m => m));
                list.AddRange(_compiled.LossTrackers);
            }

            AddTrackedMetrics(list);
            return list;
        }
    }

    /// <summary>Gets the names of <see cref="Metrics"/>, the keys of the logs (Keras <c>metrics_names</c>).</summary>
    public IReadOnlyList<string> MetricsNames => Metrics.Select(m => m.Name).ToList();

    /// <summary>Throws the Keras error when a training method is used before <c>Compile</c>.</summary>
    private void EnsureCompiled(string method)
    {
        if (!Compiled)
        {
            throw new InvalidOperationException($"You must call `Compile()` before using the model in `{method}()`.");
        }
    }
}
