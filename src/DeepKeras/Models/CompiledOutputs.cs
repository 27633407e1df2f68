using DeepKeras.Losses;
using DeepKeras.Metrics;

namespace DeepKeras.Models;

/// <summary>
/// The <c>loss</c>, <c>lossWeights</c> and <c>metrics</c> of <c>Compile</c> resolved against a model's outputs, as
/// Keras's <c>CompileLoss</c>/<c>CompileMetrics</c> resolve them: one loss (or none), weight and metric list per output,
/// with log names prefixed by the output name when the model has several outputs (<c>priority_mae</c>), and a
/// <c>{output}_loss</c> tracker per output only when more than one output has a loss. The <c>weightedMetrics</c> are
/// resolved the same way and named after the plain metrics; one whose name a plain metric already took is logged as
/// <c>weighted_{name}</c>, as Keras does.
/// </summary>
internal sealed class CompiledOutputs
{
    private CompiledOutputs(Loss?[]? losses, double[]? weights, List<Metric>[] metrics, List<Metric>[] weightedMetrics,
        Mean[] lossTrackers, int[] trackerOutputs)
    {
        Losses = losses;
        Weights = weights;
        Metrics = metrics;
        WeightedMetrics = weightedMetrics;
        LossTrackers = lossTrackers;
        TrackerOutputs = trackerOutputs;
    }

    /// <summary>Gets one loss per output (null entries: no loss), or null when no loss was compiled.</summary>
    public Loss?[]? Losses { get; }

    /// <summary>Gets one weight per output, or null (all 1).</summary>
    public double[]? Weights { get; }

    /// <summary>Gets the metrics of each output, named as they appear in the logs.</summary>
    public List<Metric>[] Metrics { get; }

    /// <summary>Gets the weighted metrics of each output (updated with the sample weights), named as they appear in the logs.</summary>
    public List<Metric>[] WeightedMetrics { get; }

    /// <summary>Gets the per-output loss trackers (<c>priority_loss</c>), in Keras's order; empty unless several outputs have a loss.</summary>
    public Mean[] LossTrackers { get; }

    /// <summary>Gets the output index of each of <see cref="LossTrackers"/>.</summary>
    public int[] TrackerOutputs { get; }

    /// <summary>Returns the tracker of output <paramref name="output"/>, or null.</summary>
    public Mean? TrackerOf(int output)
    {
        var i = Array.IndexOf(TrackerOutputs, output);
        return i < 0 ? null : LossTrackers[i];
    }

    /// <summary>Resolves the arguments of <c>Compile</c> for a model whose outputs are named <paramref name="labels"/>.</summary>
    /// <param name="model">The model's name, for errors.</param>
    /// <param name="labels">The output names (dictionary keys for dictionary outputs), in output order.</param>
    /// <param name="dictionaryOutputs">Whether the outputs were given as a dictionary (a dictionary loss then keeps its own order).</param>
    /// <param name="loss">The loss argument.</param>
    /// <param name="lossWeights">The loss weights argument.</param>
    /// <param name="metrics">The metrics argument.</param>
    /// <param name="weightedMetrics">The weighted metrics argument.</param>
    /// <exception cref="ArgumentException">An argument does not match the outputs; the message lists the output names.</exception>
    public static CompiledOutputs Resolve(string model, IReadOnlyList<string> labels, bool dictionaryOutputs, LossArg? loss,
        LossWeightsArg? lossWeights, MetricsArg? metrics, MetricsArg? weightedMetrics = null)
    {
        var names = $"[{string.Join(", ", labels.Select(l => $"'{l}'"))}]";
        var losses = ResolveLosses(model, labels, names, loss, out var lossOrder);
        if (!dictionaryOutputs || loss?.ByName is null)
        {
            lossOrder = Enumerable.Range(0, labels.Count).ToArray();
        }

        var weights = ResolveWeights(model, labels, names, lossWeights);
        var naming = new MetricNaming(labels);
        var perOutput = naming.Name(ResolveMetrics(model, labels, names, metrics, nameof(metrics)), weighted: false);
        var weightedPerOutput = naming.Name(ResolveMetrics(model, labels, names, weightedMetrics, nameof(weightedMetrics)), weighted: true);
        var withLoss = losses is null ? [] : lossOrder.Where(i => losses[i] is not null).ToArray();
        var trackerOutputs = withLoss.Length > 1 ? withLoss : [];
        return new CompiledOutputs(losses, weights, perOutput, weightedPerOutput,
            trackerOutputs.Select(i => new Mean($"{labels[i]}_loss")).ToArray(), trackerOutputs);
    }

    private static Loss?[]? ResolveLosses(string model, IReadOnlyList<string> labels, string names, LossArg? loss, out int[] order)
    {
        order = Enumerable.Range(0, labels.Count).ToArray();
        if (loss is null)
        {
            return null;
        }

        if (loss.Single is { } single)
        {
            return Enumerable.Repeat<Loss?>(single, labels.Count).ToArray();
        }

        if (loss.List is { } list)
        {
            return list.Count == labels.Count
                ? list.ToArray()
                : throw new ArgumentException(
                    $"Model \"{model}\" has {labels.Count} output(s) {names} but `loss` has {list.Count} entries. " +
                    "Expected one loss (or null) per output, or a dictionary keyed by output name.", nameof(loss));
        }

        var byName = loss.ByName!;
        if (!byName.Keys.ToHashSet().SetEquals(labels))
        {
            throw new ArgumentException(
                $"Expected keys {names} in the `loss` dictionary of model \"{model}\", but found " +
                $"[{string.Join(", ", byName.Keys.Select(k => $"'{k}'"))}]. Give every output an entry (null for an output without loss).",
                nameof(loss));
        }

        order = byName.Keys.Select(k => IndexOf(labels, k)).ToArray();
        return labels.Select(l => byName[l]).ToArray();
    }

    private static double[]? ResolveWeights(string model, IReadOnlyList<string> labels, string names, LossWeightsArg? weights)
    {
        if (weights is null)
        {
            return null;
        }

        if (weights.IsSingle)
        {
            return Enumerable.Repeat(weights.List![0], labels.Count).ToArray();
        }

        if (weights.List is { } list)
        {
            return list.Count == labels.Count
                ? list.ToArray()
                : throw new ArgumentException(
                    $"Model \"{model}\" has {labels.Count} output(s) {names} but `loss_weights` has {list.Count} entries. " +
                    "Expected one weight per output, or a dictionary keyed by output name.", nameof(weights));
        }

        foreach (var key in weights.ByName!.Keys.Where(k => !labels.Contains(k)))
        {
            throw new ArgumentException(
                $"`loss_weights` names output '{key}', which model \"{model}\" does not have. Its outputs are {names}.", nameof(weights));
        }

        return labels.Select(l => weights.ByName.TryGetValue(l, out var w) ? w : 1.0).ToArray();
    }

    private static IEnumerable<Metric>[] ResolveMetrics(string model, IReadOnlyList<string> labels, string names, MetricsArg? metrics,
        string argument)
    {
        var entries = new IEnumerable<Metric>[labels.Count];
        for (var o = 0; o < entries.Length; o++)
        {
            entries[o] = [];
        }

        if (metrics is null)
        {
        }
        else if (labels.Count == 1)
        {
            // One output: every metric applies to it, whatever the nesting (Keras flattens the argument).
            entries[0] = metrics.Flatten();
        }
        else if (metrics.List is { } list && list.Count == labels.Count)
        {
            for (var o = 0; o < entries.Length; o++)
            {
                entries[o] = list[o]?.Flatten() ?? [];
            }
        }
        else if (metrics.ByName is { } byName && byName.Keys.All(labels.Contains))
        {
            for (var o = 0; o < entries.Length; o++)
            {
                entries[o] = byName.GetValueOrDefault(labels[o])?.Flatten() ?? [];
            }
        }
        else
        {
            var keras = argument == nameof(metrics) ? "metrics" : "weighted_metrics";
            throw new ArgumentException(
                $"Invalid `{keras}` for model \"{model}\", whose {labels.Count} outputs are {names}: expected a list with one entry " +
                "per output (a metric, a list of metrics or null) or a dictionary keyed by output name. " +
                $"Received: {keras}={metrics}", argument);
        }

        return entries;
    }

    /// <summary>
    /// Keras's log names for compiled metrics (<c>CompileMetrics.result</c>): the output name first when there are
    /// several outputs, repeated names numbered (<c>mae</c>, <c>mae_1</c>), and a weighted metric whose name is taken
    /// renamed <c>weighted_mae</c> before numbering.
    /// </summary>
    private sealed class MetricNaming(IReadOnlyList<string> labels)
    {
        private readonly HashSet<Metric> _used = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, int> _seen = [];

        public List<Metric>[] Name(IEnumerable<Metric>[] entries, bool weighted)
        {
            var result = new List<Metric>[entries.Length];
            for (var o = 0; o < entries.Length; o++)
            {
                result[o] = [];
                foreach (var given in entries[o])
                {
                    var baseName = given.CompiledName ??= given.Name;
                    var metric = _used.Add(given) ? given : Another(given, baseName, labels.Count);
                    metric.CompiledName = baseName;
                    var name = Prefixed(o, baseName);
                    if (weighted && _seen.ContainsKey(name))
                    {
                        name = Prefixed(o, $"weighted_{baseName}");
                    }

                    if (_seen.TryGetValue(name, out var count))
                    {
                        _seen[name] = count + 1;
                        name = $"{name}_{count}";
                    }
                    else
                    {
                        _seen[name] = 1;
                    }

                    metric.Name = name;
                    result[o].Add(metric);
                }
            }

            return result;
        }

        private string Prefixed(int output, string name) => labels.Count > 1 ? $"{labels[output]}_{name}" : name;
    }

    // The same instance given twice (e.g. to two outputs) would share its state: identifiers are resolved again.
    private static Metric Another(Metric metric, string name, int outputs)
    {
        if (metric.Identifier is { } identifier)
        {
            return DeepKeras.Metrics.Metrics.Get(identifier);
        }

        throw new ArgumentException(
            $"Metric '{name}' is given more than once in `metrics`/`weighted_metrics` (each use needs its own state{(outputs > 1 ? ", one per output" : "")}). " +
            "Pass a new instance for each use, or the metric's name as a string (e.g. \"accuracy\", \"mae\").", "metrics");
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }

        return -1;
    }
}
