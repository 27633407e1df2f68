using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>The largest value of each channel over all steps of a sequence (Keras <c>keras.layers.GlobalMaxPooling1D</c>).</summary>
/// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
/// <param name="keepdims">Whether to keep the spatial axes with size 1 (default false: output <c>(batch, channels)</c>).</param>
/// <param name="name">Layer name.</param>
/// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
/// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
public class GlobalMaxPooling1D(string? dataFormat = null, bool keepdims = false, string? name = null, bool trainable = true, Shape? inputShape = null)
    : BaseGlobalPooling(1, dataFormat, keepdims, name, trainable, inputShape)
{
    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) => inputs.amax(SpatialAxes, Keepdims);
}
