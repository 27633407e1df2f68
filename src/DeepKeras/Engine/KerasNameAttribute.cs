namespace DeepKeras.Engine;

/// <summary>
/// Gives the Keras attribute name of a field or property that holds a sublayer (or a list of them) in a custom
/// <see cref="Layers.Layer"/> or <see cref="Models.Model"/>, when it differs from the default: the member's name without
/// leading underscores, in snake_case (<c>_linear1</c> and <c>Linear1</c> → <c>linear1</c>).
/// </summary>
/// <remarks>
/// Weight files address a tracked sublayer by the attribute that holds it (<c>layers/mlp_block/linear_1/vars/0</c>), so a
/// C# port of a Keras layer that stored <c>self.linear_1 = Linear(32)</c> reads Keras's files when its field carries
/// <c>[KerasName("linear_1")]</c>. On an auto-property, put it on the property.
/// </remarks>
/// <example><code>
/// public sealed class MlpBlock : Layer
/// {
///     [KerasName("linear_1")] private readonly Dense _linear1 = new(32);
///     ...
/// }
/// </code></example>
/// <param name="name">The attribute name as Keras writes it, e.g. <c>linear_1</c>.</param>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = true)]
public sealed class KerasNameAttribute(string name) : Attribute
{
    /// <summary>Gets the attribute name as Keras writes it.</summary>
    public string Name { get; } = string.IsNullOrWhiteSpace(name)
        ? throw new ArgumentException("Expected a non-empty Keras attribute name.", nameof(name))
        : name;
}
