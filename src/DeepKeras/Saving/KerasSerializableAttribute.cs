namespace DeepKeras.Saving;

/// <summary>
/// Marks a custom layer (or initializer, regularizer, loss, metric, optimizer) as serializable under a registered name,
/// like Keras's <c>@keras.saving.register_keras_serializable(package, name)</c>. Register the type once with
/// <c>Keras.Saving.RegisterKerasSerializable&lt;T&gt;()</c>; saved configs then carry
/// <c>"registered_name": "package&gt;Name"</c> and <c>LoadModel</c> can recreate it.
/// </summary>
/// <example><code>
/// [KerasSerializable("my_package")]
/// public sealed class Scale(double factor, string? name = null) : Layer(name) { ... }
/// Keras.Saving.RegisterKerasSerializable&lt;Scale&gt;();   // "my_package&gt;Scale"
/// </code></example>
/// <param name="package">The package part of the registered name (Keras's default is <c>Custom</c>).</param>
/// <param name="name">The name part; default the class name.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KerasSerializableAttribute(string package = "Custom", string? name = null) : Attribute
{
    /// <summary>Gets the package part of the registered name.</summary>
    public string Package { get; } = package;

    /// <summary>Gets the name part of the registered name, or null for the class name.</summary>
    public string? Name { get; } = name;
}
