using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Multiplies a list of tensors element-wise (Keras <c>keras.layers.Multiply</c>); function form
/// <c>Keras.Layers.Multiply(a, b)</c>.
/// </summary>
/// <remarks>
/// Masked steps of an input count as 1 in the product; when every input has a mask, steps masked in all inputs
/// give 0.
/// </remarks>
/// <param name="name">Layer name.</param>
/// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
/// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
public sealed class Multiply(string? name = null, bool trainable = true, Shape? inputShape = null) : Merge(name, trainable, inputShape)
{
    /// <inheritdoc/>
    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks)
    {
        var allMasked = masks.All(m => m is not null);
        Tensor? output = null;
        Tensor? outputMask = null;
        for (var i = 0; i < inputs.Count; i++)
        {
            var x = inputs[i];
            if (Spread(masks[i], x) is { } mask)
            {
                x = where(mask, x, ones_like(x));
                if (allMasked)
                {
                    outputMask = outputMask is null ? mask : outputMask.logical_or(mask);
                }
            }

            output = output is null ? x : output * x;
        }

        return outputMask is null ? output! : where(outputMask, output!, zeros_like(output!));
    }
}
