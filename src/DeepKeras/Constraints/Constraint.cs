using static TorchSharp.torch;

namespace DeepKeras.Constraints;

/// <summary>
/// Base of weight constraints (Keras <c>keras.constraints.Constraint</c>): a projection the optimizer applies to a
/// weight right after each update (<c>w ← constraint(w)</c>). Pass one to a layer
/// (<c>new Conv2D(8, 3, kernelConstraint: new MaxNorm(3))</c>, or the names <c>"max_norm"</c>, <c>"non_neg"</c>, …).
/// </summary>
public abstract class Constraint
{
    /// <summary>Projects a weight; the result has the weight's shape.</summary>
    /// <param name="w">The weight's value.</param>
    /// <returns>The projected value.</returns>
    public abstract Tensor Call(Tensor w);

    /// <summary>Returns the Keras config (the constructor arguments under snake_case keys); empty by default.</summary>
    public virtual Dictionary<string, object?> GetConfig() => [];

    /// <summary>Gets the Keras class name used in configs.</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>Resolves a Keras constraint name such as <c>"max_norm"</c> (see <see cref="Get"/>).</summary>
    /// <param name="identifier">The name.</param>
    public static implicit operator Constraint(string identifier) => Get(identifier);

    /// <summary>
    /// Resolves a Keras constraint name (Keras <c>keras.constraints.get</c>): the class names <c>MaxNorm</c>,
    /// <c>MinMaxNorm</c>, <c>NonNeg</c>, <c>UnitNorm</c> and their snake_case forms <c>max_norm</c>, <c>min_max_norm</c>,
    /// <c>non_neg</c>, <c>unit_norm</c>; each with its default arguments.
    /// </summary>
    /// <param name="identifier">The name.</param>
    /// <returns>A new constraint.</returns>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static Constraint Get(string identifier) => identifier?.Trim() switch
    {
        "MaxNorm" or "max_norm" => new MaxNorm(),
        "MinMaxNorm" or "min_max_norm" => new MinMaxNorm(),
        "NonNeg" or "non_neg" => new NonNeg(),
        "UnitNorm" or "unit_norm" => new UnitNorm(),
        _ => throw new ArgumentException(
            $"Could not interpret constraint identifier: {identifier}. Known: MaxNorm, MinMaxNorm, NonNeg, UnitNorm, " +
            "max_norm, min_max_norm, non_neg, unit_norm.", nameof(identifier)),
    };

    /// <inheritdoc/>
    public override string ToString() =>
        $"<{ClassName} {string.Join(", ", GetConfig().Select(kv => $"{kv.Key}={kv.Value}"))}>";
}
