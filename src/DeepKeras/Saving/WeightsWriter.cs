using DeepKeras.Layers;
using DeepKeras.Models;
using PureHDF;
using static TorchSharp.torch;

namespace DeepKeras.Saving;

/// <summary>
/// Writes the weights of a model in Keras's <c>.weights.h5</c> layout (also the <c>model.weights.h5</c> of a
/// <c>.keras</c> archive): for every layer or model on <see cref="SaveableTree"/>, a group <c>path/vars</c> with the
/// attribute <c>name</c> and datasets <c>"0"</c>, <c>"1"</c>, … (created even when empty, as current Keras does), and
/// <c>optimizer/vars</c> with the optimizer state.
/// </summary>
internal static class WeightsWriter
{
    /// <summary>Writes the weights file of <paramref name="root"/> to a seekable stream.</summary>
    public static void Write(Layer root, Stream stream)
    {
        var file = new H5File();
        foreach (var node in SaveableTree.Walk(root))
        {
            var vars = new H5Group { Attributes = new() { ["name"] = node.Name } };
            IReadOnlyList<Tensor> values = node.Optimizer is { } optimizer
                ? OptimizerState.Values(optimizer, node.Owner!.TrainableWeights)
                : node.OwnVariables.Select(v => (Tensor)v.Value).ToList();
            for (var i = 0; i < values.Count; i++)
            {
                vars[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Dataset(values[i]);
            }

            GroupAt(file, node.Path)["vars"] = vars;
        }

        file.Write(stream);
    }

    /// <summary>Writes the weights file of a model to bytes.</summary>
    public static byte[] ToBytes(Layer root)
    {
        using var ms = new MemoryStream();
        Write(root, ms);
        return ms.ToArray();
    }

    internal static H5Group GroupAt(H5Group root, string path)
    {
        var group = root;
        if (path.Length == 0)
        {
            return group;
        }

        foreach (var part in path.Split('/'))
        {
            if (!group.TryGetValue(part, out var child))
            {
                child = new H5Group();
                group[part] = child;
            }

            group = (H5Group)child;
        }

        return group;
    }

    internal static H5Dataset Dataset(Tensor value)
    {
        using var scope = NewDisposeScope();
        var t = value.detach().cpu().contiguous();
        var dims = t.shape.Select(d => (ulong)d).ToArray();
        if (t.dtype == ScalarType.Int64)
        {
            return dims.Length == 0 ? new H5Dataset(t.item<long>()) : new H5Dataset(t.data<long>().ToArray(), fileDims: dims);
        }

        if (t.dtype == ScalarType.Int32)
        {
            return dims.Length == 0 ? new H5Dataset(t.item<int>()) : new H5Dataset(t.data<int>().ToArray(), fileDims: dims);
        }

        if (t.dtype == ScalarType.Float64)
        {
            return dims.Length == 0 ? new H5Dataset(t.item<double>()) : new H5Dataset(t.data<double>().ToArray(), fileDims: dims);
        }

        t = t.to(float32);
        return dims.Length == 0 ? new H5Dataset(t.item<float>()) : new H5Dataset(t.data<float>().ToArray(), fileDims: dims);
    }
}
