namespace DeepKeras.Layers;

/// <summary>
/// Max pooling over a sequence (batch, steps, channels): the largest value of each window (Keras <c>keras.layers.MaxPooling1D</c>).
/// </summary>
public class MaxPooling1D : BasePooling
{
    /// <summary>Creates the layer.</summary>
    /// <param name="poolSize">Window size; null (default) means 2.</param>
    /// <param name="strides">Step of the window; null (default) means <paramref name="poolSize"/>.</param>
    /// <param name="padding"><c>valid</c> (default: windows inside the input) or <c>same</c> (output ⌈n/s⌉).</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">A size is not positive or has the wrong length; the message names it.</exception>
    public MaxPooling1D(IntTuple? poolSize = null, IntTuple? strides = null, string padding = "valid", string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(1, poolSize ?? 2, strides, "max", padding, dataFormat, name, trainable, inputShape)
    {
    }
}
