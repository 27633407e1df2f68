using DeepKeras.Losses;
using DeepKeras.Metrics;
using DeepKeras.Optimizers;

namespace DeepKeras.Models;

public partial class Model
{
    private Loss?[]? _losses;
    private double[]? _lossWeights;
    private List<Metric>[]? _compiledMetrics;
    private readonly Mean _lossTracker = new("loss");
    private Mean[]? _outputLossTrackers;

    /// <summary>Gets the optimizer set by <see cref="Compile(Optimizer?, Loss?, IEnumerable{Metric}?, IReadOnlyList{double}?)"/>.</summary>
    public Optimizer? Optimizer { get; protected set; }

    /// <summary>Gets the arguments of the last <c>Compile</c>, as saved in the <c>compile_config</c> of a <c>.keras</c> file.</summary>
    internal Saving.CompileRecord? CompileArgs { get; private set; }

    /// <summary>Gets whether the model has been compiled.</summary>
    public bool Compiled { get; private set; }

    /// <summary>Gets the compiled loss of the first output, if any.</summary>
    public Loss? Loss => _losses?.FirstOrDefault();

    /// <summary>
    /// Configures training (Keras <c>compile</c>). Strings are Keras identifiers: optimizer <c>"adam"</c>,
    /// <c>"sgd"</c>, <c>"rmsprop"</c> (the default); loss <c>"mse"</c>, <c>"sparse_categorical_crossentropy"</c>, …;
    /// metrics <c>"accuracy"</c>, <c>"mae"</c>, ….
    /// </summary>
    /// <param name="optimizer">Optimizer instance or name; default <c>"rmsprop"</c>.</param>
    /// <param name="loss">Loss for every output (instance or name); null for models whose <see cref="TrainStep"/> computes its own loss.</param>
    /// <param name="metrics">Metrics shown in the progress bar and History.</param>
    /// <param name="lossWeights">One weight per output: total loss = Σ wᵢ·lossᵢ.</param>
    public virtual void Compile(Optimizer? optimizer = null, Loss? loss = null, IEnumerable<Metric>? metrics = null,
        IReadOnlyList<double>? lossWeights = null) =>
        CompileCore(optimizer, loss is null ? null : Enumerable.Repeat<Loss?>(loss, Math.Max(1, OutputCount)).ToArray(), metrics, lossWeights);

    /// <summary>Configures training with one loss per output (multi-output functional models).</summary>
    /// <param name="optimizer">Optimizer instance or name.</param>
    /// <param name="loss">One loss per output, in output order (null entries are skipped).</param>
    /// <param name="metrics">Metrics applied to every output.</param>
    /// <param name="lossWeights">One weight per output.</param>
    public virtual void Compile(Optimizer? optimizer, Loss?[] loss, IEnumerable<Metric>? metrics = null, IReadOnlyList<double>? lossWeights = null) =>
        CompileCore(optimizer, loss, metrics, lossWeights);

    private void CompileCore(Optimizer? optimizer, Loss?[]? losses, IEnumerable<Metric>? metrics, IReadOnlyList<double>? lossWeights)
    {
        ThrowIfDisposed();
        var outputs = Math.Max(1, OutputCount);
        if (losses is not null && losses.Length != outputs)
        {
            throw new ArgumentException(
                $"Model \"{Name}\" has {outputs} output(s) but `loss` has {losses.Length} entries. Expected one loss per output.", nameof(losses));
        }

        if (lossWeights is not null && lossWeights.Count != outputs)
        {
            throw new ArgumentException(
                $"Model \"{Name}\" has {outputs} output(s) but `loss_weights` has {lossWeights.Count} entries. Expected one weight per output.", nameof(lossWeights));
        }

        Optimizer = optimizer ?? new RMSprop();
        _losses = losses;
        _lossWeights = lossWeights?.ToArray();
        var metricList = metrics?.Select(m => (Metric: m, BaseName: m.Name)).ToList() ?? [];
        CompileArgs = new Saving.CompileRecord(Optimizer, losses, metricList.Select(p => (p.Metric, p.BaseName)).ToList(), _lossWeights);
        _compiledMetrics = new List<Metric>[outputs];
        for (var o = 0; o < outputs; o++)
        {
            _compiledMetrics[o] = [];
            foreach (var (m, baseName) in metricList)
            {
                // Each output needs its own state: resolve the name again for outputs after the first.
                var metric = o == 0 ? m : MetricForAnotherOutput(baseName, outputs);
                if (outputs > 1)
                {
                    metric.Name = $"{OutputNames[o]}_{baseName}";
                }

                _compiledMetrics[o].Add(metric);
            }
        }

        _outputLossTrackers = outputs > 1 && losses is not null
            ? OutputNames.Select(n => new Mean($"{n}_loss")).ToArray()
            : null;
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

            if (_outputLossTrackers is not null)
            {
                list.AddRange(_outputLossTrackers);
            }

            if (_compiledMetrics is not null)
            {
                list.AddRange(_compiledMetrics.SelectMany(m => m));
            }

            AddTrackedMetrics(list);
            return list;
        }
    }

    /// <summary>Gets the names of <see cref="Metrics"/>, the keys of the logs (Keras <c>metrics_names</c>).</summary>
    public IReadOnlyList<string> MetricsNames => Metrics.Select(m => m.Name).ToList();

    private static Metric MetricForAnotherOutput(string name, int outputs)
    {
        try
        {
            return DeepKeras.Metrics.Metrics.Get(name);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException(
                $"Metric '{name}' cannot be shared by the {outputs} outputs of this model (each output needs its own state). " +
                "Pass metric names as strings (e.g. \"accuracy\", \"mae\"), which are created once per output.", nameof(name));
        }
    }

    /// <summary>Throws the Keras error when a training method is used before <c>Compile</c>.</summary>
    private void EnsureCompiled(string method)
    {
        if (!Compiled)
        {
            throw new InvalidOperationException($"You must call `Compile()` before using the model in `{method}()`.");
        }
    }
}
