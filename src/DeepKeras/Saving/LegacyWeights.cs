using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Saving.Hdf5;
using static TorchSharp.torch;

namespace DeepKeras.Saving;

/// <summary>
/// Reads legacy Keras <c>.h5</c> weights (Keras 2 <c>save_weights</c>/<c>save</c>, and Keras 3 <c>.h5</c> saves) by
/// topology, as Keras's <c>load_weights_from_hdf5_group</c>: the root (or its <c>model_weights</c> group) lists
/// <c>layer_names</c>; each layer group lists <c>weight_names</c>, the dataset paths of its weights (trainable, then
/// non-trainable). Layers without weights are skipped on both sides and the rest are matched in order.
/// </summary>
internal static class LegacyWeights
{
    /// <summary>Reads and checks the weights; nothing is assigned until <see cref="PendingState.Apply"/>.</summary>
    public static PendingState Read(H5Reader reader, Model model, bool skipMismatch)
    {
        var root = reader.Root;
        if (ReadStrings(reader, root, "layer_names") is null && reader.Has(root, "model_weights"))
        {
            root = reader.Group(root, "model_weights") ?? throw reader.Fail("'model_weights' is not a group");
        }

        var layerNames = ReadStrings(reader, root, "layer_names")
            ?? throw reader.Fail("not a Keras weights file: no 'layer_names' attribute (nor a 'model_weights' group holding one)");
        var layers = LayersWithWeights(model);
        var saved = new List<(string Name, Hdf5Object Group, string[] WeightNames)>();
        foreach (var name in layerNames)
        {
            var group = reader.Group(root, name) ?? throw reader.Fail($"the file lists layer '{name}' but has no group for it");
            var weightNames = ReadStrings(reader, group, "weight_names") ?? [];
            if (weightNames.Length > 0)
            {
                saved.Add((name, group, weightNames));
            }
        }

        if (saved.Count != layers.Count)
        {
            throw reader.Fail(
                $"Layer count mismatch when loading weights from file. Model expected {layers.Count} layers, found {saved.Count} saved layers.");
        }

        var pending = new PendingState();
        for (var k = 0; k < layers.Count; k++)
        {
            var layer = layers[k];
            var (name, group, weightNames) = saved[k];
            var variables = WeightsOf(layer);
            if (weightNames.Length != variables.Count)
            {
                throw reader.Fail(
                    $"Weight count mismatch for layer #{k} (named {layer.Name} in the current model, {name} in the save file). " +
                    $"Layer expects {variables.Count} weight(s). Received {weightNames.Length} saved weight(s)");
            }

            for (var i = 0; i < variables.Count; i++)
            {
                var path = weightNames[i];
                var slash = path.LastIndexOf('/');
                var parent = slash < 0 ? group : reader.Group(group, path[..slash])
                    ?? throw reader.Fail($"missing dataset '{name}/{path}'");
                try
                {
                    pending.Variables.Add((variables[i],
                        reader.ReadTensor(parent, path[(slash + 1)..], $"{name}/{path}", variables[i].Value.shape, ScalarType.Float32)));
                }
                catch (ShapeMismatchException e)
                {
                    if (!skipMismatch)
                    {
                        throw reader.Fail($"Shape mismatch in layer #{k} (named {layer.Name}) for weight {variables[i].Path}: {e.Message}");
                    }

                    Console.Error.WriteLine($"UserWarning: Skipping loading weights for layer #{k} (named {layer.Name}) due to mismatch in shape: {e.Message}");
                }
            }
        }

        return pending;
    }

    /// <summary>Gets a layer's weights in Keras's legacy order: trainable, then non-trainable.</summary>
    public static IReadOnlyList<Variable> WeightsOf(Layer layer) => [.. layer.TrainableWeights, .. layer.NonTrainableWeights];

    /// <summary>Gets the model's layers that have weights, in Keras's layer order (the order of <c>layer_names</c>).</summary>
    public static List<Layer> LayersWithWeights(Model model) =>
        (model.IsFunctional ? SaveableTree.KerasLayerOrder(model) : model.Layers).Where(l => WeightsOf(l).Count > 0).ToList();

    // A string-list attribute, possibly split by Keras into name0, name1, … when larger than 64 KB; null when absent.
    private static string[]? ReadStrings(H5Reader reader, Hdf5Object obj, string name)
    {
        if (reader.Strings(obj, name) is { } whole)
        {
            return whole;
        }

        var result = new List<string>();
        for (var i = 0; i < 100_000 && reader.Strings(obj, $"{name}{i}") is { } chunk; i++)
        {
            result.AddRange(chunk);
        }

        return result.Count == 0 && reader.Strings(obj, $"{name}0") is null ? null : [.. result];
    }
}
