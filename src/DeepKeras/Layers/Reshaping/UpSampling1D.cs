namespace DeepKeras.Layers;

/// <summary>
/// Repeats every step of sequences <c>size</c> times (Keras <c>keras.layers.UpSampling1D</c>): input
/// <c>(batch, steps, channels)</c>, output <c>(batch, steps · size, channels)</c>.
/// </summary>
public class UpSampling1D : BaseUpSampling
{
    /// <summary>Creates the layer.</summary>
    /// <param name="size">Positive repetition factor of each step (default 2).</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException"><paramref name="size"/> is not positive.</exception>
    public UpSampling1D(int size = 2, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(1, size, null, name, trainable, inputShape)
    {
    }

    /// <summary>Returns Keras's config: <c>size</c> as one integer and no <c>data_format</c>.</summary>
    /// <returns>The base layer keys and <c>size</c>.</returns>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config.Remove("data_format");
        config["size"] = Size[0];
        return config;
    }
}
