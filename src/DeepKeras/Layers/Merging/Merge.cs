using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>Base of layers that combine a list of same-shaped tensors element-wise (Add, Multiply, …).</summary>
public abstract class Merge : Layer
{
    /// <summary>Initializes the layer.</summary>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    protected Merge(string? name, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
    }

    /// <summary>Combines two tensors.</summary>
    /// <param name="a">The running result.</param>
    /// <param name="b">The next input.</param>
    protected abstract Tensor Combine(Tensor a, Tensor b);

    /// <inheritdoc/>
    protected override Tensor Call(IReadOnlyList<Tensor> inputs, bool training)
    {
        if (inputs.Count < 2)
        {
            throw new ArgumentException($"A merge layer should be called on a list of at least 2 inputs. Layer \"{Name}\" received {inputs.Count}.");
        }

        var result = inputs[0];
        for (var i = 1; i < inputs.Count; i++)
        {
            result = Combine(result, inputs[i]);
        }

        return result;
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) => Call([inputs], training);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        var first = inputShapes[0];
        foreach (var s in inputShapes.Skip(1))
        {
            if (s.Rank != first.Rank || s.Dims.Zip(first.Dims).Any(p => p.First is { } x && p.Second is { } y && x != y && x != 1 && y != 1))
            {
                throw new ArgumentException(
                    $"Inputs of layer \"{Name}\" ({ClassName}) must have the same shape. Received shapes: {string.Join(", ", inputShapes)}");
            }
        }

        return first;
    }
}

/// <summary>Adds a list of tensors of the same shape (Keras <c>keras.layers.Add</c>).</summary>
/// <param name="name">Layer name.</param>
/// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
/// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
public sealed class Add(string? name = null, bool trainable = true, Shape? inputShape = null) : Merge(name, trainable, inputShape)
{
    /// <inheritdoc/>
    protected override Tensor Combine(Tensor a, Tensor b) => a + b;
}
