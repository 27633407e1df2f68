namespace DeepKeras.Regularizers;

/// <summary>
/// Resolves Keras regularizer names: <c>"l1"</c> (L1(0.01)), <c>"l2"</c> (L2(0.01)), <c>"l1_l2"</c> (L1L2(0.01, 0.01),
/// as documented by Keras), the class names <c>"L1"</c>, <c>"L2"</c>, <c>"L1L2"</c>/<c>"l1l2"</c> (class defaults) and
/// <c>"orthogonal_regularizer"</c>.
/// </summary>
public static class Regularizers
{
    private static readonly Dictionary<string, Func<Regularizer>> Known = new(StringComparer.Ordinal)
    {
        ["l1"] = () => new L1(),
        ["L1"] = () => new L1(),
        ["l2"] = () => new L2(),
        ["L2"] = () => new L2(),
        ["l1_l2"] = () => new L1L2(0.01, 0.01),
        ["l1l2"] = () => new L1L2(),
        ["L1L2"] = () => new L1L2(),
        ["orthogonal_regularizer"] = () => new OrthogonalRegularizer(),
        ["OrthogonalRegularizer"] = () => new OrthogonalRegularizer(),
    };

    /// <summary>Gets the names <see cref="Get"/> accepts.</summary>
    public static IReadOnlyCollection<string> Names => Known.Keys;

    /// <summary>Resolves a regularizer name.</summary>
    /// <param name="identifier">e.g. <c>"l2"</c>.</param>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static Regularizer Get(string identifier)
    {
        if (identifier is not null && Known.TryGetValue(identifier.Trim(), out var f))
        {
            return f();
        }

        throw new ArgumentException(
            $"Could not interpret regularizer identifier: {identifier}. Known: {string.Join(", ", Known.Keys.Order(StringComparer.Ordinal))}.",
            nameof(identifier));
    }
}
