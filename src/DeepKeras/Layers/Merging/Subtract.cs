using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Subtracts the second of exactly two tensors from the first, element-wise (Keras <c>keras.layers.Subtract</c>);
/// function form <c>Keras.Layers.Subtract(a, b)</c>.
/// </summary>
/// <param name="name">Layer name.</param>
/// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
/// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
public sealed class Subtract(string? name = null, bool trainable = true, Shape? inputShape = null) : Merge(name, trainable, inputShape)
{
    /// <inheritdoc/>
    private protected override int MaxInputs => 2;

    /// <inheritdoc/>
    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks) => inputs[0] - inputs[1];
}
