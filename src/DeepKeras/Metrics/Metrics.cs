namespace DeepKeras.Metrics;

/// <summary>Resolves Keras metric names (<c>"accuracy"</c>, <c>"mae"</c>, …) (Keras <c>keras.metrics.get</c>).</summary>
public static class Metrics
{
    private static readonly Dictionary<string, Func<string, Metric>> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["binary_accuracy"] = n => new BinaryAccuracy(n),
        ["categorical_accuracy"] = n => new CategoricalAccuracy(n),
        ["sparse_categorical_accuracy"] = n => new SparseCategoricalAccuracy(n),
        ["mae"] = n => new MeanAbsoluteError(n),
        ["mean_absolute_error"] = n => new MeanAbsoluteError(n),
        ["mse"] = n => new MeanSquaredError(n),
        ["mean_squared_error"] = n => new MeanSquaredError(n),
    };

    /// <summary>Gets the names <see cref="Get"/> accepts (besides <c>accuracy</c>/<c>acc</c>, resolved from the data).</summary>
    public static IReadOnlyCollection<string> Names => Known.Keys;

    /// <summary>Registers an extra identifier.</summary>
    /// <param name="identifier">The name.</param>
    /// <param name="factory">Creates the metric with the given display name.</param>
    public static void Register(string identifier, Func<string, Metric> factory) => Known[identifier] = factory;

    /// <summary>Resolves a metric name; the metric is named as given (<c>"mae"</c> shows as <c>mae</c>).</summary>
    /// <param name="identifier">The name.</param>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static Metric Get(string identifier)
    {
        if (Known.TryGetValue(identifier.Trim(), out var f))
        {
            var metric = f(identifier.Trim());
            metric.Identifier = identifier.Trim();
            return metric;
        }

        throw new ArgumentException(
            $"Could not interpret metric identifier: '{identifier}'. Known: accuracy, acc, {string.Join(", ", Known.Keys.Order())}.",
            nameof(identifier));
    }
}
