namespace DeepKeras.Layers;

/// <summary>
/// Adds zeros around volumes (Keras <c>keras.layers.ZeroPadding3D</c>): input <c>(batch, d1, d2, d3, channels)</c> in
/// channels_last; each of the three spatial axes gets its own zeros before and after.
/// </summary>
public class ZeroPadding3D : BaseZeroPadding
{
    /// <summary>Pads <paramref name="padding"/> cells on both sides of every spatial axis.</summary>
    /// <param name="padding">Cells added before and after each axis (default 1).</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="padding"/> is negative.</exception>
    public ZeroPadding3D(int padding = 1, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : this((padding, padding, padding), dataFormat, name, trainable, inputShape)
    {
    }

    /// <summary>Pads symmetrically per axis: <c>(d1, d2, d3)</c> cells on both sides of each.</summary>
    /// <param name="padding">Cells added before and after the first, second and third spatial axis.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative.</exception>
    public ZeroPadding3D((int Dim1, int Dim2, int Dim3) padding, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : this(((padding.Dim1, padding.Dim1), (padding.Dim2, padding.Dim2), (padding.Dim3, padding.Dim3)), dataFormat, name, trainable, inputShape)
    {
    }

    /// <summary>Pads each side separately: <c>((before1, after1), (before2, after2), (before3, after3))</c>.</summary>
    /// <param name="padding">The six amounts.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative.</exception>
    public ZeroPadding3D(((int Before, int After) Dim1, (int Before, int After) Dim2, (int Before, int After) Dim3) padding,
        string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base([padding.Dim1, padding.Dim2, padding.Dim3], dataFormat, name, trainable, inputShape)
    {
        Padding = padding;
    }

    /// <summary>Gets the padding <c>((before1, after1), (before2, after2), (before3, after3))</c>.</summary>
    public ((int Before, int After) Dim1, (int Before, int After) Dim2, (int Before, int After) Dim3) Padding { get; }
}
