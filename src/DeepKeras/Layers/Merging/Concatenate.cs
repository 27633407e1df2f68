using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Concatenates a list of tensors along <c>axis</c> (Keras <c>keras.layers.Concatenate(axis=-1)</c>); function form
/// <c>Keras.Layers.Concatenate([a, b], axis: 1)</c>. The inputs must have the same shape except along that axis.
/// </summary>
/// <remarks>
/// With masks, an input without one counts as unmasked everywhere; the output mask is the concatenated masks, reduced
/// over the last axis.
/// </remarks>
/// <param name="axis">The concatenation axis; default the last.</param>
/// <param name="name">Layer name.</param>
/// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
/// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
public sealed class Concatenate(int axis = -1, string? name = null, bool trainable = true, Shape? inputShape = null) : Merge(name, trainable, inputShape)
{
    /// <summary>Gets the concatenation axis.</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    private protected override bool ExpandsLowerRanks => false;

    /// <summary>Checks the inputs have the same rank and the same sizes except along <see cref="Axis"/> (unknown sizes match any).</summary>
    /// <param name="inputShapes">The input shapes, batch axis included.</param>
    /// <exception cref="ArgumentException">Fewer than 2 inputs, an axis out of range, or shapes that differ elsewhere.</exception>
    public override void Build(IReadOnlyList<Shape> inputShapes)
    {
        CheckCount(inputShapes.Count);
        var rank = inputShapes[0].Rank;
        if (inputShapes.Any(s => s.Rank != rank) || Enumerable.Range(0, rank).Any(i => i != AxisOf(rank) &&
                inputShapes.Select(s => s[i]).OfType<int>().Distinct().Count() > 1))
        {
            throw new ArgumentException(
                $"A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. Layer \"{Name}\" received: input_shape={ShapesText(inputShapes)}");
        }
    }

    /// <inheritdoc/>
    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks) => cat(inputs.ToArray(), Axis);

    /// <summary>The first input's shape with the sizes along <see cref="Axis"/> added up (unknown when one is unknown).</summary>
    /// <param name="inputShapes">The input shapes, batch axis included.</param>
    public override Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        var axis = AxisOf(inputShapes[0].Rank);
        int? size = 0;
        foreach (var s in inputShapes)
        {
            size = size is { } a && s[axis] is { } b ? a + b : null;
        }

        return inputShapes[0].With(axis, size);
    }

    /// <summary>
    /// The output mask (Keras <c>Concatenate.compute_mask</c>): null when no input has a mask; otherwise each input's
    /// mask spread over its full shape (all true for an input without one), concatenated along <see cref="Axis"/> and
    /// reduced with OR over the last axis.
    /// </summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="masks">One mask per input, or null entries.</param>
    public override Tensor? ComputeMask(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks)
    {
        CheckMasks(inputs, masks);
        if (masks.All(m => m is null))
        {
            return null;
        }

        var full = inputs.Select((x, i) => masks[i] switch
        {
            null => ones_like(x, dtype: ScalarType.Bool),
            { } m when m.dim() < x.dim() => Spread(m, x)!,
            { } m => m.to_type(ScalarType.Bool),
        }).ToArray();
        return cat(full, Axis).any(-1);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["axis"] = Axis;
        return c;
    }

    private int AxisOf(int rank) => Axis >= -rank && Axis < rank
        ? (Axis < 0 ? Axis + rank : Axis)
        : throw new ArgumentException($"Layer \"{Name}\" (Concatenate): axis {Axis} is out of bounds for inputs of rank {rank}.");
}
