using DeepKeras.Losses;

namespace DeepKeras.Metrics;

/// <summary>
/// Resolves Keras metric names (Keras <c>keras.metrics.get</c>): snake_case names (<c>"binary_accuracy"</c>,
/// <c>"top_k_categorical_accuracy"</c>, <c>"auc"</c>, <c>"precision"</c>, …), class names (<c>"AUC"</c>,
/// <c>"RootMeanSquaredError"</c>), the aliases <c>"mse"</c>, <c>"mae"</c>, <c>"mape"</c>, <c>"msle"</c>,
/// <c>"kld"</c>, <c>"bce"</c>, and every loss function name (<c>"binary_crossentropy"</c>, <c>"huber"</c>, …),
/// which gives the mean of that loss. <c>"accuracy"</c>/<c>"acc"</c> become binary, sparse categorical or categorical
/// accuracy on the first update, picked from the data as Keras's <c>compile</c> does (exactly these lower-case
/// spellings; <c>"Accuracy"</c> is the <see cref="Accuracy"/> class, as in Keras). Other names ignore case.
/// </summary>
public static class Metrics
{
    private static readonly Dictionary<string, Func<string, Metric>> Known = new(StringComparer.OrdinalIgnoreCase);

    static Metrics()
    {
        Add(n => new Accuracy(n), "Accuracy");
        Add(n => new Mean(n), "mean", "Mean");
        Add(n => new BinaryAccuracy(n), "binary_accuracy", "BinaryAccuracy");
        Add(n => new CategoricalAccuracy(n), "categorical_accuracy", "CategoricalAccuracy");
        Add(n => new SparseCategoricalAccuracy(n), "sparse_categorical_accuracy", "SparseCategoricalAccuracy");
        Add(n => new TopKCategoricalAccuracy(name: n), "top_k_categorical_accuracy", "TopKCategoricalAccuracy");
        Add(n => new SparseTopKCategoricalAccuracy(name: n), "sparse_top_k_categorical_accuracy", "SparseTopKCategoricalAccuracy");
        Add(n => new MeanSquaredError(n), "mean_squared_error", "mse", "MeanSquaredError");
        Add(n => new RootMeanSquaredError(n), "root_mean_squared_error", "RootMeanSquaredError");
        Add(n => new MeanAbsoluteError(n), "mean_absolute_error", "mae", "MeanAbsoluteError");
        Add(n => new MeanAbsolutePercentageError(n), "mean_absolute_percentage_error", "mape", "MeanAbsolutePercentageError");
        Add(n => new MeanSquaredLogarithmicError(n), "mean_squared_logarithmic_error", "msle", "MeanSquaredLogarithmicError");
        Add(n => new CosineSimilarity(n), "cosine_similarity", "CosineSimilarity");
        Add(n => new LogCoshError(n), "log_cosh_error", "LogCoshError", "log_cosh", "logcosh");
        Add(n => new Precision(name: n), "precision");
        Add(n => new Recall(name: n), "recall");
        Add(n => new AUC(name: n), "auc");
        Add(n => new Hinge(n), "hinge");
        Add(n => new SquaredHinge(n), "squared_hinge", "SquaredHinge");
        Add(n => new CategoricalHinge(n), "categorical_hinge", "CategoricalHinge");
        Add(n => new KLDivergence(n), "kl_divergence", "kld", "kullback_leibler_divergence", "KLDivergence");
        Add(n => new Poisson(n), "poisson");
        Add(n => new BinaryCrossentropy(n), "binary_crossentropy", "bce", "BinaryCrossentropy");
        Add(n => new CategoricalCrossentropy(n), "categorical_crossentropy", "CategoricalCrossentropy");
        Add(n => new SparseCategoricalCrossentropy(n), "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy");
        Add(n => new MeanMetricWrapper((y, p) => LossFunctions.BinaryFocalCrossentropy(y, p), n), "binary_focal_crossentropy");
        Add(n => new MeanMetricWrapper((y, p) => LossFunctions.Huber(y, p), n), "huber");
    }

    /// <summary>Gets the names <see cref="Get"/> accepts (besides <c>accuracy</c>/<c>acc</c>, resolved from the data).</summary>
    public static IReadOnlyCollection<string> Names => Known.Keys;

    /// <summary>Registers an extra identifier.</summary>
    /// <param name="identifier">The name.</param>
    /// <param name="factory">Creates the metric with the given display name.</param>
    public static void Register(string identifier, Func<string, Metric> factory) => Known[identifier] = factory;

    /// <summary>Resolves a metric name; the metric is named as given (<c>"mae"</c> shows as <c>mae</c>), as in Keras's <c>compile</c>.</summary>
    /// <param name="identifier">The name.</param>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static Metric Get(string identifier)
    {
        var id = identifier?.Trim();
        if (id is "accuracy" or "acc")
        {
            return new AutoAccuracy(id) { Identifier = id };
        }

        if (id is not null && Known.TryGetValue(id, out var f))
        {
            var metric = f(id);
            metric.Identifier = id;
            return metric;
        }

        // Class-name spellings resolve too but are left out of the list to keep it readable.
        var names = Known.Keys.Where(k => !k.Any(char.IsUpper)).Order(StringComparer.Ordinal);
        throw new ArgumentException(
            $"Could not interpret metric identifier: '{identifier}'. Known: accuracy, acc, {string.Join(", ", names)}.",
            nameof(identifier));
    }

    private static void Add(Func<string, Metric> factory, params string[] identifiers)
    {
        foreach (var id in identifiers)
        {
            Known[id] = factory;
        }
    }
}
