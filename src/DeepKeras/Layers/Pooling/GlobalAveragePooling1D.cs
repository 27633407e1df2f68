using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The mean of each channel over the steps of a sequence (Keras <c>keras.layers.GlobalAveragePooling1D</c>). With a
/// mask (e.g. from <c>Embedding(maskZero: true)</c>) only the unmasked steps are averaged, as in Keras.
/// </summary>
/// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
/// <param name="keepdims">Whether to keep the steps axis with size 1 (default false: output <c>(batch, channels)</c>).</param>
/// <param name="name">Layer name.</param>
/// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
/// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
public class GlobalAveragePooling1D(string? dataFormat = null, bool keepdims = false, string? name = null, bool trainable = true, Shape? inputShape = null)
    : BaseGlobalPooling(1, dataFormat, keepdims, name, trainable, inputShape)
{
    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    public override Tensor? ComputeMask(IReadOnlyList<Tensor> inputs, Tensor? mask) => null;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) => inputs.mean(SpatialAxes, Keepdims);

    /// <inheritdoc/>
    protected override Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training)
    {
        if (mask is null)
        {
            return [Call(inputs[0], training)];
        }

        // mask (batch, steps) → weights broadcast over channels.
        var w = mask.to_type(inputs[0].dtype).unsqueeze(DataFormat == "channels_last" ? 2 : 1);
        var sum = inputs[0].mul(w).sum(SpatialAxes, Keepdims);
        return [sum.div_(w.sum(SpatialAxes, Keepdims))];
    }
}
