namespace DeepKeras.Layers;

/// <summary>
/// Adds zeros at the start and the end of sequences (Keras <c>keras.layers.ZeroPadding1D</c>): input
/// <c>(batch, steps, channels)</c> in channels_last, output <c>(batch, left + steps + right, channels)</c>.
/// </summary>
public class ZeroPadding1D : BaseZeroPadding
{
    /// <summary>Pads <paramref name="padding"/> steps at the start and at the end.</summary>
    /// <param name="padding">Steps added at each end (default 1).</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="padding"/> is negative.</exception>
    public ZeroPadding1D(int padding = 1, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : this((padding, padding), dataFormat, name, trainable, inputShape)
    {
    }

    /// <summary>Pads each end separately: <c>(left, right)</c>.</summary>
    /// <param name="padding">Steps added at the start and at the end.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative.</exception>
    public ZeroPadding1D((int Left, int Right) padding, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base([padding], dataFormat, name, trainable, inputShape)
    {
        Padding = padding;
    }

    /// <summary>Gets the padding <c>(left, right)</c>.</summary>
    public (int Left, int Right) Padding { get; }
}
