namespace DeepKeras.Optimizers;

/// <summary>
/// Resolves Keras optimizer names (lower-cased class names): <c>"sgd"</c>, <c>"rmsprop"</c>, <c>"adam"</c>,
/// <c>"adamw"</c>, <c>"adagrad"</c>, <c>"adadelta"</c>, <c>"adamax"</c>, <c>"nadam"</c>.
/// </summary>
public static class Optimizers
{
    private static readonly Dictionary<string, Func<Optimizer>> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sgd"] = () => new SGD(),
        ["rmsprop"] = () => new RMSprop(),
        ["adam"] = () => new Adam(),
        ["adamw"] = () => new AdamW(),
        ["adagrad"] = () => new Adagrad(),
        ["adadelta"] = () => new Adadelta(),
        ["adamax"] = () => new Adamax(),
        ["nadam"] = () => new Nadam(),
    };

    /// <summary>Gets the names <see cref="Get"/> accepts.</summary>
    public static IReadOnlyCollection<string> Names => Known.Keys;

    /// <summary>Registers an extra identifier.</summary>
    /// <param name="identifier">The name.</param>
    /// <param name="factory">Creates the optimizer with Keras defaults.</param>
    public static void Register(string identifier, Func<Optimizer> factory) => Known[identifier] = factory;

    /// <summary>Resolves an optimizer name with Keras defaults.</summary>
    /// <param name="identifier">e.g. <c>"adam"</c>.</param>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static Optimizer Get(string identifier)
    {
        if (identifier is not null && Known.TryGetValue(identifier.Trim(), out var f))
        {
            return f();
        }

        throw new ArgumentException(
            $"Could not interpret optimizer identifier: '{identifier}'. Known: {string.Join(", ", Known.Keys.Order())}.",
            nameof(identifier));
    }
}
