using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>The data a preprocessing layer's <c>Adapt</c> learns from: one array, or an enumeration of batches.</summary>
internal static class AdaptData
{
    /// <summary>The single CPU tensor of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> holds several arrays.</exception>
    public static Tensor One(ArrayLike data, Layer layer)
    {
        ArgumentNullException.ThrowIfNull(data);
        var tensors = data.ToTensors("data");
        return tensors.Length == 1
            ? tensors[0]
            : throw new ArgumentException(
                $"Layer \"{layer.Name}\" ({layer.ClassName}): `Adapt` expects one array (or an enumeration of batches), but received {tensors.Length} arrays.",
                nameof(data));
    }

    /// <summary>The batches of <paramref name="batches"/> as CPU tensors, checked to be non-empty.</summary>
    /// <exception cref="ArgumentException">No batch at all.</exception>
    public static IEnumerable<Tensor> Many(IEnumerable<ArrayLike> batches, Layer layer)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var any = false;
        foreach (var batch in batches)
        {
            any = true;
            yield return One(batch, layer);
        }

        if (!any)
        {
            throw new ArgumentException(
                $"Layer \"{layer.Name}\" ({layer.ClassName}): `Adapt` received an empty enumeration (no batches). Expected at least one batch.",
                nameof(batches));
        }
    }
}
