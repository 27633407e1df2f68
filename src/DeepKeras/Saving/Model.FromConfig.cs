using DeepKeras.Saving;

namespace DeepKeras.Models;

public partial class Model
{
    /// <summary>
    /// Recreates a Sequential or functional model (untrained, not compiled) from its <see cref="Layers.Layer.GetConfig"/>
    /// (Keras <c>Model.from_config</c>): a config with <c>input_layers</c>/<c>output_layers</c> gives a
    /// <see cref="Functional"/> model, one with only <c>layers</c> a <see cref="Sequential"/> model. Works on configs
    /// written by Keras too.
    /// </summary>
    /// <param name="config">The model's config.</param>
    /// <param name="customObjects">Name → custom <see cref="Type"/>, function or factory, for custom layers in the config.</param>
    /// <returns>The new model.</returns>
    /// <exception cref="ArgumentException">The config has no <c>layers</c>: it is not a Sequential or functional model's config.</exception>
    /// <exception cref="KerasFileException">Unknown classes or invalid layer configs.</exception>
    /// <example><code>
    /// var copy = Model.FromConfig(model.GetConfig());   // same architecture, new weights
    /// </code></example>
    public static Model FromConfig(IReadOnlyDictionary<string, object?> config, IReadOnlyDictionary<string, object>? customObjects = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.ContainsKey("layers"))
        {
            throw new ArgumentException(
                "Model.FromConfig expects the config of a Sequential or functional model (with \"layers\"). For a subclassed model, " +
                $"use Layer.FromConfig<TModel>(config). Received keys: {string.Join(", ", config.Keys)}", nameof(config));
        }

        var functional = config.ContainsKey("input_layers") || config.ContainsKey("output_layers");
        return FromConfigAs<Model>(functional ? typeof(Functional) : typeof(Sequential), config, customObjects);
    }

    /// <summary>Creates a model of a known class from its config, through the class's registered factory.</summary>
    private protected static TModel FromConfigAs<TModel>(Type type, IReadOnlyDictionary<string, object?> config, IReadOnlyDictionary<string, object>? customObjects)
        where TModel : Model
    {
        ArgumentNullException.ThrowIfNull(config);
        return (TModel)KerasDeserializer.FromConfig(type, ObjectKind.Layer, config, new DeserializationContext("<config>", customObjects, safeMode: true));
    }
}
