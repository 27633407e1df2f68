using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The element-wise minimum of a list of tensors (Keras <c>keras.layers.Minimum</c>); function form
/// <c>Keras.Layers.Minimum(a, b)</c>. A masked step of an input takes no part in the minimum.
/// </summary>
/// <param name="name">Layer name.</param>
/// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
/// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
public sealed class Minimum(string? name = null, bool trainable = true, Shape? inputShape = null) : Merge(name, trainable, inputShape)
{
    /// <inheritdoc/>
    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks) =>
        MaskedFold(inputs, masks, (a, b) => a.minimum(b));
}
