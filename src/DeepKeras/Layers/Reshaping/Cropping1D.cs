namespace DeepKeras.Layers;

/// <summary>
/// Removes steps at the start and the end of sequences (Keras <c>keras.layers.Cropping1D</c>): input
/// <c>(batch, steps, channels)</c>, output <c>(batch, steps − left − right, channels)</c>.
/// </summary>
public class Cropping1D : BaseCropping
{
    /// <summary>Crops <paramref name="cropping"/> steps at both ends.</summary>
    /// <param name="cropping">Steps removed at the start and at the end (default 1, as Keras's <c>(1, 1)</c>).</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cropping"/> is negative.</exception>
    public Cropping1D(int cropping = 1, string? name = null, bool trainable = true, Shape? inputShape = null)
        : this((cropping, cropping), name, trainable, inputShape)
    {
    }

    /// <summary>Crops each end separately: <c>(start, end)</c>.</summary>
    /// <param name="cropping">Steps removed at the start and at the end.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative.</exception>
    public Cropping1D((int Start, int End) cropping, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base([cropping], null, name, trainable, inputShape)
    {
        Cropping = cropping;
    }

    /// <summary>Gets the cropping <c>(start, end)</c>.</summary>
    public (int Start, int End) Cropping { get; }

    /// <summary>Keras's Cropping1D config has no <c>data_format</c> (the layer is always channels_last).</summary>
    /// <param name="config">The config being written.</param>
    private protected override void WriteDataFormat(Dictionary<string, object?> config)
    {
    }
}
