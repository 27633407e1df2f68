using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>Adds a list of tensors element-wise (Keras <c>keras.layers.Add</c>); function form <c>Keras.Layers.Add(a, b)</c>.</summary>
/// <param name="name">Layer name.</param>
/// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
/// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
public sealed class Add(string? name = null, bool trainable = true, Shape? inputShape = null) : Merge(name, trainable, inputShape)
{
    /// <inheritdoc/>
    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks) => Sum(inputs);

    /// <summary>The element-wise sum of the inputs, in order.</summary>
    internal static Tensor Sum(IReadOnlyList<Tensor> inputs)
    {
        var output = inputs[0];
        for (var i = 1; i < inputs.Count; i++)
        {
            output = output.add(inputs[i], ScalarScope.One);
        }

        return output;
    }
}
