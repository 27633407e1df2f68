namespace DeepKeras.Layers;

/// <summary>
/// Enlarges volumes by repeating cells along each spatial axis (Keras <c>keras.layers.UpSampling3D</c>): input
/// <c>(batch, d1, d2, d3, channels)</c> in channels_last; <c>UpSampling3D(2)</c> turns 4×4×4 into 8×8×8.
/// </summary>
public class UpSampling3D : BaseUpSampling
{
    /// <summary>Creates the layer.</summary>
    /// <param name="size">Factors of the three spatial axes: one int for all or <c>(d1, d2, d3)</c>; null means (2, 2, 2).</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">A factor is not positive or there are not 1 or 3 factors.</exception>
    public UpSampling3D(IntTuple? size = null, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(3, size ?? 2, dataFormat, name, trainable, inputShape)
    {
    }
}
