using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Averages a list of tensors element-wise (Keras <c>keras.layers.Average</c>): their sum divided by their number;
/// function form <c>Keras.Layers.Average(a, b)</c>.
/// </summary>
/// <param name="name">Layer name.</param>
/// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
/// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
public sealed class Average(string? name = null, bool trainable = true, Shape? inputShape = null) : Merge(name, trainable, inputShape)
{
    /// <inheritdoc/>
    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks) =>
        Add.Sum(inputs) / inputs.Count;
}
