namespace DeepKeras.Layers;

/// <summary>
/// Adds rows and columns of zeros around images (Keras <c>keras.layers.ZeroPadding2D</c>). <c>ZeroPadding2D(1)</c>
/// followed by a 3×3 "valid" convolution keeps the size, like a "same" convolution.
/// </summary>
public class ZeroPadding2D : BaseZeroPadding
{
    /// <summary>Pads <paramref name="padding"/> cells on all four sides.</summary>
    /// <param name="padding">Cells added at the top, bottom, left and right (default 1).</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    public ZeroPadding2D(int padding = 1, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : this(((padding, padding), (padding, padding)), dataFormat, name, trainable, inputShape)
    {
    }

    /// <summary>Pads symmetrically: <c>(rows, columns)</c>.</summary>
    /// <param name="padding">Rows added at the top and at the bottom, columns added at the left and at the right.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    public ZeroPadding2D((int Rows, int Columns) padding, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : this(((padding.Rows, padding.Rows), (padding.Columns, padding.Columns)), dataFormat, name, trainable, inputShape)
    {
    }

    /// <summary>Pads each side separately: <c>((top, bottom), (left, right))</c>.</summary>
    /// <param name="padding">The four amounts.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative.</exception>
    public ZeroPadding2D(((int Top, int Bottom) Rows, (int Left, int Right) Columns) padding, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base([padding.Rows, padding.Columns], dataFormat, name, trainable, inputShape)
    {
        Padding = padding;
    }

    /// <summary>Gets the padding <c>((top, bottom), (left, right))</c>.</summary>
    public ((int Top, int Bottom) Rows, (int Left, int Right) Columns) Padding { get; }
}
