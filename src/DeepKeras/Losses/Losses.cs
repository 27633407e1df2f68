namespace DeepKeras.Losses;

/// <summary>The one place that resolves Keras loss names and aliases (Keras <c>keras.losses.get</c>).</summary>
public static class Losses
{
    private static readonly Dictionary<string, Func<Loss>> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mean_squared_error"] = () => new MeanSquaredError(),
        ["mse"] = () => new MeanSquaredError(),
        ["MeanSquaredError"] = () => new MeanSquaredError(),
        ["binary_crossentropy"] = () => new BinaryCrossentropy(),
        ["bce"] = () => new BinaryCrossentropy(),
        ["BinaryCrossentropy"] = () => new BinaryCrossentropy(),
        ["categorical_crossentropy"] = () => new CategoricalCrossentropy(),
        ["CategoricalCrossentropy"] = () => new CategoricalCrossentropy(),
        ["sparse_categorical_crossentropy"] = () => new SparseCategoricalCrossentropy(),
        ["SparseCategoricalCrossentropy"] = () => new SparseCategoricalCrossentropy(),
    };

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

        throw new ArgumentException(
            $"Could not interpret loss identifier: '{identifier}'. Known: {string.Join(", ", Known.Keys.Where(k => k.Contains('_') || k.Length <= 4).Order())}.",
            nameof(identifier));
    }
}
