using DeepKeras.Layers;
using DeepKeras.Models;

namespace DeepKeras.Saving;

/// <summary>
/// The config of a <see cref="Sequential"/> model as Keras writes it: <c>{"name", "trainable", "dtype", "layers":
/// [InputLayer, ...], "build_input_shape"}</c>, each layer serialized with its module, class name and build config.
/// </summary>
internal static class SequentialConfig
{
    /// <summary>Adds the layers and build input shape to the base config of <paramref name="model"/>.</summary>
    public static Dictionary<string, object?> Get(Sequential model, Dictionary<string, object?> baseConfig)
    {
        var layers = new List<object?>();
        if (model.InputLayer is { } input)
        {
            layers.Add(KerasSerializer.Serialize(input));
        }

        layers.AddRange(model.Layers.Select(l => (object?)KerasSerializer.Serialize(l)));
        baseConfig["layers"] = layers;
        if (model.InputLayer is not null && model.BatchInputShape is { } shape)
        {
            baseConfig["build_input_shape"] = KerasSerializer.ToPlain(shape);
        }

        return baseConfig;
    }

    /// <summary>Recreates a Sequential model from its config (Keras <c>Sequential.from_config</c>).</summary>
    public static Sequential FromConfig(DeserializationContext ctx, Dictionary<string, object?> config, string where)
    {
        if (config.GetValueOrDefault("layers") is not List<object?> layerConfigs)
        {
            throw ctx.Fail($"{where}: a Sequential model configuration must contain a \"layers\" list");
        }

        var name = config.GetValueOrDefault("name") as string;
        var model = new Sequential((IEnumerable<Layer>?)null, string.IsNullOrEmpty(name) ? null : name);
        for (var i = 0; i < layerConfigs.Count; i++)
        {
            var layer = (Layer)KerasDeserializer.Deserialize(layerConfigs[i], ObjectKind.Layer, ctx, $"{where} layer {i}");
            try
            {
                model.Add(layer);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw ctx.Fail($"{where}: cannot add layer '{layer.Name}' ({layer.ClassName}): {e.Message}", e);
            }
        }

        if (!model.Built && config.GetValueOrDefault("build_input_shape") is List<object?> buildShape && model.Layers.Count > 0)
        {
            try
            {
                model.MaybeBuild([ConfigConverter.ToShape(buildShape)]);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
            {
                throw ctx.Fail($"{where}: cannot build the model for build_input_shape {ConfigConverter.Text(buildShape)}: {e.Message}", e);
            }
        }

        // Only a frozen model propagates its flag: setting true would unfreeze layers saved as frozen.
        if (config.GetValueOrDefault("trainable") is false)
        {
            model.Trainable = false;
        }

        return model;
    }
}
