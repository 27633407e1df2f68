using DeepKeras.Saving;

namespace DeepKeras.Layers;

public abstract partial class Layer
{
    /// <summary>
    /// Recreates a layer of type <typeparamref name="TLayer"/> from its <see cref="GetConfig"/> (Keras
    /// <c>cls.from_config(config)</c>): a new layer, not built, with the same configuration. Each constructor parameter
    /// takes the value under its snake_case key (<c>useBias</c> ← <c>use_bias</c>); nested objects (initializers,
    /// regularizers, wrapped layers) are recreated from their serialized form.
    /// </summary>
    /// <typeparam name="TLayer">The layer class; custom classes need no registration here.</typeparam>
    /// <param name="config">A config as <see cref="GetConfig"/> returns it (or as parsed from Keras's JSON).</param>
    /// <returns>The new layer.</returns>
    /// <exception cref="KerasFileException">The config lacks a required argument, holds an invalid value, or names an unknown nested class.</exception>
    /// <example><code>
    /// var config = dense.GetConfig();
    /// config["units"] = 64;
    /// var wider = Layer.FromConfig&lt;Dense&gt;(config);
    /// </code></example>
    public static TLayer FromConfig<TLayer>(IReadOnlyDictionary<string, object?> config)
        where TLayer : Layer => (TLayer)FromConfig(typeof(TLayer), config);

    /// <summary>
    /// Recreates a layer of the given class from its <see cref="GetConfig"/> (Keras <c>cls.from_config(config)</c>),
    /// e.g. <c>Layer.FromConfig(layer.GetType(), layer.GetConfig())</c> copies a layer's architecture without its weights.
    /// </summary>
    /// <param name="layerType">The layer class (a <see cref="Layer"/> subclass).</param>
    /// <param name="config">A config as <see cref="GetConfig"/> returns it (or as parsed from Keras's JSON).</param>
    /// <returns>The new layer, of type <paramref name="layerType"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="layerType"/> is not a layer class.</exception>
    /// <exception cref="KerasFileException">The config lacks a required argument, holds an invalid value, or names an unknown nested class.</exception>
    public static Layer FromConfig(Type layerType, IReadOnlyDictionary<string, object?> config)
    {
        ArgumentNullException.ThrowIfNull(layerType);
        ArgumentNullException.ThrowIfNull(config);
        if (!typeof(Layer).IsAssignableFrom(layerType) || layerType.IsAbstract)
        {
            throw new ArgumentException(
                $"Layer.FromConfig expects a non-abstract Layer class. Received: {layerType.Name}", nameof(layerType));
        }

        return (Layer)KerasDeserializer.FromConfig(layerType, ObjectKind.Layer, config, new DeserializationContext("<config>", null, safeMode: true));
    }

    /// <summary>
    /// Turns a value for a <see cref="GetConfig"/> dictionary into a plain JSON value, as Keras's
    /// <c>serialize_keras_object</c> does: an initializer, regularizer or layer becomes its serialized dictionary
    /// (<c>{"module", "class_name", "config", "registered_name"}</c>), an activation its name (<c>"relu"</c>) or its
    /// registered function, a shape or tuple a list, an enum its snake_case name; plain values are returned as they are.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <returns>The plain value.</returns>
    /// <exception cref="ArgumentException">The value is neither plain nor a serializable Keras object.</exception>
    protected static object? Serialize(object? value) => ConfigValues.Plain(value);
}
