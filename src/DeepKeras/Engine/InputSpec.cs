namespace DeepKeras.Engine;

/// <summary>What a layer accepts: rank limits and fixed sizes of some axes (Keras <c>InputSpec</c>).</summary>
public sealed class InputSpec
{
    /// <summary>Gets or sets the exact rank required, including the batch axis.</summary>
    public int? NDim { get; init; }

    /// <summary>Gets or sets the minimum rank required, including the batch axis.</summary>
    public int? MinNDim { get; init; }

    /// <summary>Gets or sets required sizes of given axes (negative axes count from the end).</summary>
    public IReadOnlyDictionary<int, int> Axes { get; init; } = new Dictionary<int, int>();

    /// <summary>Throws the Keras-style incompatibility error when <paramref name="shape"/> does not satisfy the spec.</summary>
    internal void Check(string layerName, int inputIndex, Shape shape)
    {
        var prefix = $"Input {inputIndex} of layer \"{layerName}\" is incompatible with the layer: ";
        if (NDim is { } n && shape.Rank != n)
        {
            throw new ArgumentException($"{prefix}expected ndim={n}, found ndim={shape.Rank}. Full shape received: {shape}");
        }

        if (MinNDim is { } m && shape.Rank < m)
        {
            throw new ArgumentException($"{prefix}expected min_ndim={m}, found ndim={shape.Rank}. Full shape received: {shape}");
        }

        foreach (var (axis, size) in Axes)
        {
            var a = axis < 0 ? axis + shape.Rank : axis;
            if (a < 0 || a >= shape.Rank)
            {
                continue;
            }

            if (shape[a] is { } actual && actual != size)
            {
                throw new ArgumentException(
                    $"{prefix}expected axis {axis} of input shape to have value {size}, but received input with shape {shape}");
            }
        }
    }
}
