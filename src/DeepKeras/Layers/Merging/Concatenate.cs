using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>Concatenates a list of tensors along <c>axis</c> (Keras <c>keras.layers.Concatenate(axis=-1)</c>).</summary>
/// <param name="axis">The concatenation axis; default the last.</param>
/// <param name="name">Layer name.</param>
/// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
/// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
public sealed class Concatenate(int axis = -1, string? name = null, bool trainable = true, Shape? inputShape = null) : Layer(name, trainable, inputShape)
{
    /// <summary>Gets the concatenation axis.</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    protected override Tensor Call(IReadOnlyList<Tensor> inputs, bool training)
    {
        if (inputs.Count < 2)
        {
            throw new ArgumentException($"A `Concatenate` layer should be called on a list of at least 2 inputs. Layer \"{Name}\" received {inputs.Count}.");
        }

        return cat(inputs.ToArray(), Axis);
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) => Call([inputs], training);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        var rank = inputShapes[0].Rank;
        var axis = Axis < 0 ? Axis + rank : Axis;
        var dims = inputShapes[0].ToArray();
        foreach (var s in inputShapes.Skip(1))
        {
            var ok = s.Rank == rank && Enumerable.Range(0, rank).All(i => i == axis || s[i] is null || dims[i] is null || s[i] == dims[i]);
            if (!ok)
            {
                throw new ArgumentException(
                    $"A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape={string.Join(", ", inputShapes)}");
            }

            dims[axis] = dims[axis] is { } a && s[axis] is { } b ? a + b : null;
        }

        return new Shape(dims);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["axis"] = Axis;
        return c;
    }
}
