using System.Collections;
using System.Runtime.CompilerServices;
using DeepKeras.Metrics;

namespace DeepKeras.Models;

/// <summary>
/// The <c>metrics</c> argument of <c>Compile</c>, nested as Keras accepts it. For a single-output model every metric
/// applies to the output (<c>["accuracy", "mae"]</c>). For several outputs give one entry per output, in output order
/// (<c>[["mape", "mae"], ["categorical_accuracy"]]</c>, an entry being a metric, a list of metrics or null), or a
/// dictionary keyed by output name; the logs then read <c>priority_mae</c>, <c>department_categorical_accuracy</c>.
/// Converted implicitly.
/// </summary>
/// <example><code>
/// model.Compile(optimizer: "rmsprop", loss: ["mse", "categorical_crossentropy"],
///     metrics: [["mape", "mae"], ["categorical_accuracy"]]);
/// model.Compile(optimizer: "rmsprop", loss: "mse",
///     metrics: new Dictionary&lt;string, MetricsArg?&gt; { ["priority"] = ["mae"], ["department"] = "categorical_accuracy" });
/// </code></example>
[CollectionBuilder(typeof(MetricsArg), nameof(Create))]
public sealed class MetricsArg : IEnumerable<MetricsArg?>
{
    private MetricsArg(Metric? leaf, MetricsArg?[]? list, IReadOnlyDictionary<string, MetricsArg?>? byName)
    {
        Leaf = leaf;
        List = list;
        ByName = byName;
    }

    /// <summary>Gets the metric when this entry is a single metric, else null.</summary>
    public Metric? Leaf { get; }

    /// <summary>Gets the entries when this is a list, else null.</summary>
    public IReadOnlyList<MetricsArg?>? List { get; }

    /// <summary>Gets the entries by output name (in the order given) when this is a dictionary, else null.</summary>
    public IReadOnlyDictionary<string, MetricsArg?>? ByName { get; }

    /// <summary>Creates a list (the collection-expression form <c>["accuracy", "mae"]</c>).</summary>
    /// <param name="entries">The entries.</param>
    public static MetricsArg Create(ReadOnlySpan<MetricsArg?> entries) => new(null, entries.ToArray(), null);

    /// <summary>Creates a list from metrics.</summary>
    /// <param name="metrics">The metrics.</param>
    public static MetricsArg Of(IEnumerable<Metric> metrics) =>
        new(null, (metrics ?? throw new ArgumentNullException(nameof(metrics))).Select(m => (MetricsArg?)m).ToArray(), null);

    /// <summary>One metric.</summary>
    /// <param name="metric">The metric.</param>
    public static implicit operator MetricsArg(Metric metric) => new(metric ?? throw new ArgumentNullException(nameof(metric)), null, null);

    /// <summary>One metric by Keras identifier (<c>"accuracy"</c>, <c>"mae"</c>).</summary>
    /// <param name="identifier">The identifier.</param>
    public static implicit operator MetricsArg(string identifier) => new(DeepKeras.Metrics.Metrics.Get(identifier), null, null);

    /// <summary>A list of metrics.</summary>
    /// <param name="metrics">The metrics.</param>
    public static implicit operator MetricsArg(Metric[] metrics) => Of(metrics);

    /// <summary>A list of metrics.</summary>
    /// <param name="metrics">The metrics.</param>
    public static implicit operator MetricsArg(List<Metric> metrics) => Of(metrics);

    /// <summary>A list of metrics by Keras identifier.</summary>
    /// <param name="identifiers">The identifiers.</param>
    public static implicit operator MetricsArg(string[] identifiers) =>
        new(null, (identifiers ?? throw new ArgumentNullException(nameof(identifiers))).Select(i => (MetricsArg?)i).ToArray(), null);

    /// <summary>Metrics keyed by output name (an entry: a metric, a list of metrics or null).</summary>
    /// <param name="metrics">The metrics by output name.</param>
    public static implicit operator MetricsArg(Dictionary<string, MetricsArg?> metrics) =>
        new(null, null, new Dictionary<string, MetricsArg?>(metrics ?? throw new ArgumentNullException(nameof(metrics))));

    /// <summary>Gets every metric of the structure, depth first.</summary>
    internal IEnumerable<Metric> Flatten() => Leaf is not null
        ? [Leaf]
        : (List ?? ByName!.Values).SelectMany(e => e?.Flatten() ?? []);

    /// <summary>Enumerates the entries of a list or dictionary (none for a single metric).</summary>
    public IEnumerator<MetricsArg?> GetEnumerator() =>
        (List ?? ByName?.Values ?? Enumerable.Empty<MetricsArg?>()).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => Leaf is not null
        ? Leaf.Name
        : List is not null
            ? "[" + string.Join(", ", List.Select(e => e?.ToString() ?? "null")) + "]"
            : "{" + string.Join(", ", ByName!.Select(kv => $"'{kv.Key}': {kv.Value?.ToString() ?? "null"}")) + "}";
}
