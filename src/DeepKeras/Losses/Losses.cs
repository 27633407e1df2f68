namespace DeepKeras.Losses;

/// <summary>
/// The one place that resolves Keras loss names and aliases (Keras <c>keras.losses.get</c>): function names such as
/// <c>"mean_squared_error"</c>, class names such as <c>"MeanSquaredError"</c>, the short aliases (<c>"mse"</c>,
/// <c>"mae"</c>, <c>"mape"</c>, <c>"msle"</c>, <c>"kld"</c>, <c>"bce"</c>, <c>"logcosh"</c>) and
/// <c>"crossentropy"</c>/<c>"ce"</c> (binary, sparse or categorical, picked from the data as <c>compile</c> does).
/// Matching ignores case.
/// </summary>
public static class Losses
{
    private static readonly Dictionary<string, Func<Loss>> Known = new(StringComparer.OrdinalIgnoreCase);

    static Losses()
    {
        Add(() => new MeanSquaredError(), "mean_squared_error", "mse", "MeanSquaredError");
        Add(() => new MeanAbsoluteError(), "mean_absolute_error", "mae", "MeanAbsoluteError");
        Add(() => new MeanAbsolutePercentageError(), "mean_absolute_percentage_error", "mape", "MeanAbsolutePercentageError");
        Add(() => new MeanSquaredLogarithmicError(), "mean_squared_logarithmic_error", "msle", "MeanSquaredLogarithmicError");
        Add(() => new KLDivergence(), "kl_divergence", "kld", "kullback_leibler_divergence", "KLDivergence");
        Add(() => new Poisson(), "poisson");
        Add(() => new LogCosh(), "log_cosh", "logcosh", "LogCosh");
        Add(() => new CosineSimilarity(), "cosine_similarity", "CosineSimilarity");
        Add(() => new Huber(), "huber");
        Add(() => new CTC(), "ctc");
        Add(() => new BinaryCrossentropy(), "binary_crossentropy", "bce", "BinaryCrossentropy");
        Add(() => new BinaryFocalCrossentropy(), "binary_focal_crossentropy", "BinaryFocalCrossentropy");
        Add(() => new CategoricalCrossentropy(), "categorical_crossentropy", "CategoricalCrossentropy");
        Add(() => new SparseCategoricalCrossentropy(), "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy");
        Add(() => new Hinge(), "hinge");
        Add(() => new SquaredHinge(), "squared_hinge", "SquaredHinge");
        Add(() => new CategoricalHinge(), "categorical_hinge", "CategoricalHinge");
        Add(() => new AutoCrossentropy("crossentropy"), "crossentropy", "ce");
    }

    /// <summary>Gets the identifiers <see cref="Get"/> accepts.</summary>
    public static IReadOnlyCollection<string> Names => Known.Keys;

    /// <summary>Registers an extra identifier (used by the catalogue and by user losses).</summary>
    /// <param name="identifier">The name.</param>
    /// <param name="factory">Creates the loss.</param>
    public static void Register(string identifier, Func<Loss> factory) => Known[identifier] = factory;

    /// <summary>Resolves a loss name, alias or class name.</summary>
    /// <param name="identifier">e.g. <c>"mse"</c>, <c>"categorical_crossentropy"</c>, <c>"BinaryCrossentropy"</c>.</param>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static Loss Get(string identifier)
    {
        if (identifier is not null && Known.TryGetValue(identifier.Trim(), out var f))
        {
            var loss = f();
            loss.Identifier = identifier.Trim();
            return loss;
        }

        // Class-name spellings resolve too but are left out of the list to keep it readable.
        var names = Known.Keys.Where(k => !k.Any(char.IsUpper)).Order(StringComparer.Ordinal);
        throw new ArgumentException(
            $"Could not interpret loss identifier: '{identifier}'. Known: {string.Join(", ", names)}.", nameof(identifier));
    }

    private static void Add(Func<Loss> factory, params string[] identifiers)
    {
        foreach (var id in identifiers)
        {
            Known[id] = factory;
        }
    }
}
