using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The element-wise maximum of a list of tensors (Keras <c>keras.layers.Maximum</c>); function form
/// <c>Keras.Layers.Maximum(a, b)</c>. A masked step of an input takes no part in the maximum.
/// </summary>
/// <param name="name">Layer name.</param>
/// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
/// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
public sealed class Maximum(string? name = null, bool trainable = true, Shape? inputShape = null) : Merge(name, trainable, inputShape)
{
    /// <inheritdoc/>
    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks) =>
        MaskedFold(inputs, masks, (a, b) => a.maximum(b));
}
