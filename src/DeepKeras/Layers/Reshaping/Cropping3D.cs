namespace DeepKeras.Layers;

/// <summary>
/// Removes cells at the borders of volumes (Keras <c>keras.layers.Cropping3D</c>): input
/// <c>(batch, d1, d2, d3, channels)</c> in channels_last; each spatial axis loses its own cells before and after.
/// </summary>
public class Cropping3D : BaseCropping
{
    /// <summary>Crops <paramref name="cropping"/> cells on both sides of every spatial axis.</summary>
    /// <param name="cropping">Cells removed before and after each axis (default 1, as Keras's <c>((1, 1), (1, 1), (1, 1))</c>).</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cropping"/> is negative.</exception>
    public Cropping3D(int cropping = 1, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : this((cropping, cropping, cropping), dataFormat, name, trainable, inputShape)
    {
    }

    /// <summary>Crops symmetrically per axis: <c>(d1, d2, d3)</c> cells on both sides of each.</summary>
    /// <param name="cropping">Cells removed before and after the first, second and third spatial axis.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative.</exception>
    public Cropping3D((int Dim1, int Dim2, int Dim3) cropping, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : this(((cropping.Dim1, cropping.Dim1), (cropping.Dim2, cropping.Dim2), (cropping.Dim3, cropping.Dim3)), dataFormat, name, trainable, inputShape)
    {
    }

    /// <summary>Crops each side separately: <c>((before1, after1), (before2, after2), (before3, after3))</c>.</summary>
    /// <param name="cropping">The six amounts.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative.</exception>
    public Cropping3D(((int Before, int After) Dim1, (int Before, int After) Dim2, (int Before, int After) Dim3) cropping,
        string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base([cropping.Dim1, cropping.Dim2, cropping.Dim3], dataFormat, name, trainable, inputShape)
    {
        Cropping = cropping;
    }

    /// <summary>Gets the cropping <c>((before1, after1), (before2, after2), (before3, after3))</c>.</summary>
    public ((int Before, int After) Dim1, (int Before, int After) Dim2, (int Before, int After) Dim3) Cropping { get; }
}
