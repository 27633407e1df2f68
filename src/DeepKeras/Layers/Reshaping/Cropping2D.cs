namespace DeepKeras.Layers;

/// <summary>Removes rows and columns at the borders of images (Keras <c>keras.layers.Cropping2D</c>).</summary>
public class Cropping2D : BaseCropping
{
    /// <summary>Crops <paramref name="cropping"/> cells on all four sides.</summary>
    /// <param name="cropping">Cells removed at the top, bottom, left and right (default 0).</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    public Cropping2D(int cropping = 0, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : this(((cropping, cropping), (cropping, cropping)), dataFormat, name, trainable, inputShape)
    {
    }

    /// <summary>Crops symmetrically: <c>(rows, columns)</c>.</summary>
    /// <param name="cropping">Rows removed at the top and at the bottom, columns at the left and at the right.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    public Cropping2D((int Rows, int Columns) cropping, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : this(((cropping.Rows, cropping.Rows), (cropping.Columns, cropping.Columns)), dataFormat, name, trainable, inputShape)
    {
    }

    /// <summary>Crops each side separately: <c>((top, bottom), (left, right))</c>.</summary>
    /// <param name="cropping">The four amounts.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative.</exception>
    public Cropping2D(((int Top, int Bottom) Rows, (int Left, int Right) Columns) cropping, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base([cropping.Rows, cropping.Columns], dataFormat, name, trainable, inputShape)
    {
        Cropping = cropping;
    }

    /// <summary>Gets the cropping <c>((top, bottom), (left, right))</c>.</summary>
    public ((int Top, int Bottom) Rows, (int Left, int Right) Columns) Cropping { get; }
}
