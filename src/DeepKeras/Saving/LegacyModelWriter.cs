using DeepKeras.Models;
using PureHDF;

namespace DeepKeras.Saving;

/// <summary>
/// Writes a whole model in Keras's legacy <c>.h5</c> layout (Keras <c>model.save("m.h5")</c>): the root's
/// <c>model_config</c> and <c>training_config</c> attributes (JSON), and a <c>model_weights</c> group listing the layers
/// with weights (<c>layer_names</c>), each a group whose <c>weight_names</c> name its datasets (trainable weights, then
/// non-trainable), as Keras's <c>load_model</c> and <c>load_weights</c> read them. The optimizer state is not written.
/// </summary>
internal static class LegacyModelWriter
{
    /// <summary>Keras's warning when a model is saved as <c>.h5</c>.</summary>
    public const string Warning =
        "WARNING: You are saving your model as an HDF5 file via `model.save()` or `keras.saving.save_model(model)`. " +
        "This file format is considered legacy. We recommend using instead the native Keras format, e.g. " +
        "`model.save('my_model.keras')` or `keras.saving.save_model(model, 'my_model.keras')`. ";

    /// <summary>Writes the model to a stream.</summary>
    public static void Write(Model model, Stream stream)
    {
        var plain = KerasSerializer.Serialize(model);
        var file = new H5File
        {
            Attributes = new()
            {
                ["backend"] = "torch",
                ["keras_version"] = ModelFiles.KerasFormatVersion,
                ["model_config"] = KerasJson.Write(new Dictionary<string, object?> { ["class_name"] = plain["class_name"], ["config"] = plain["config"] }),
            },
        };
        if (plain.GetValueOrDefault("compile_config") is Dictionary<string, object?> compile)
        {
            // Keras's training_config is the compile config with the optimizer under `optimizer_config`.
            var training = compile.Where(kv => kv.Key != "optimizer").ToDictionary(kv => kv.Key, kv => kv.Value);
            training["optimizer_config"] = compile.GetValueOrDefault("optimizer");
            file.Attributes["training_config"] = KerasJson.Write(training);
        }

        var weights = new H5Group { Attributes = new() { ["backend"] = "torch", ["keras_version"] = ModelFiles.KerasFormatVersion } };
        var layerNames = new List<string>();
        foreach (var layer in LegacyWeights.LayersWithWeights(model))
        {
            var variables = LegacyWeights.WeightsOf(layer);
            var names = variables.Select(v => $"{model.Name}/{layer.Name}/{v.Name}").ToArray();
            if (names.Distinct().Count() < names.Length)
            {
                // Nested layers may repeat a name (a Bidirectional's two kernels): number them, as any name will do.
                names = names.Select((n, i) => $"{n}_{i}").ToArray();
            }

            var group = new H5Group { Attributes = new() { ["weight_names"] = names } };
            for (var i = 0; i < variables.Count; i++)
            {
                WeightsWriter.GroupAt(group, names[i][..names[i].LastIndexOf('/')])[names[i][(names[i].LastIndexOf('/') + 1)..]] =
                    WeightsWriter.Dataset(variables[i].Value);
            }

            weights[layer.Name] = group;
            layerNames.Add(layer.Name);
        }

        weights.Attributes["layer_names"] = layerNames.ToArray();
        file["model_weights"] = weights;
        file.Write(stream);
    }
}
