namespace DeepKeras.Layers;

/// <summary>
/// Adds zero-centred Gaussian noise N(0, stddev²) to its input during training and does nothing at inference
/// (Keras <c>keras.layers.GaussianNoise</c>). A regularizer, and the corruption of a denoising autoencoder.
/// </summary>
/// <remarks>Input shape: any. Output shape: the input shape.</remarks>
/// <example><code>
/// var model = Sequential(Input(shape: 784), Layers.GaussianNoise(0.2), Layers.Dense(32, activation: "relu"));
/// </code></example>
public sealed class GaussianNoise : GaussianNoiseLayer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="stddev">Standard deviation of the noise, in [0, 1] (Keras's range).</param>
    /// <param name="seed">Seed of the layer's own generator; null (default) draws from the global generator seeded by <c>SetRandomSeed</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stddev"/> is outside [0, 1].</exception>
    public GaussianNoise(double stddev, int? seed = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(seed, name, trainable, inputShape)
    {
        if (stddev is < 0 or > 1 || double.IsNaN(stddev))
        {
            throw new ArgumentOutOfRangeException(nameof(stddev), stddev,
                $"Invalid value received for argument `stddev`. Expected a float value between 0 and 1. Received: stddev={stddev}");
        }

        Stddev = stddev;
    }

    /// <summary>Gets the standard deviation of the noise.</summary>
    public double Stddev { get; }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) =>
        training && Stddev > 0
            ? inputs.add(Noise(inputs, 0, Stddev), ScalarScope.One)
            : inputs.alias();

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["stddev"] = Stddev;
        c["seed"] = Seed;
        return c;
    }
}
