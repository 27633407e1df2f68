namespace DeepKeras.Layers;

/// <summary>
/// Multiplies its input by 1-centred Gaussian noise N(1, rate/(1−rate)) during training and does nothing at inference
/// (Keras <c>keras.layers.GaussianDropout</c>): the noise has the mean and variance of inverted dropout's mask.
/// </summary>
/// <remarks>Input shape: any. Output shape: the input shape.</remarks>
/// <example><code>
/// var model = Sequential(Input(shape: 784), Layers.Dense(128, activation: "relu"), Layers.GaussianDropout(0.3));
/// </code></example>
public sealed class GaussianDropout : GaussianNoiseLayer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="rate">Drop probability as for <see cref="Dropout"/>, in [0, 1); the noise's standard deviation is √(rate/(1−rate)).</param>
    /// <param name="seed">Seed of the layer's own generator; null (default) draws from the global generator seeded by <c>SetRandomSeed</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1) (rate 1 gives an infinite standard deviation).</exception>
    public GaussianDropout(double rate, int? seed = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(seed, name, trainable, inputShape)
    {
        if (rate is < 0 or >= 1 || double.IsNaN(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate,
                $"Invalid value received for argument `rate`. Expected a float value between 0 and 1 (1 excluded). Received: rate={rate}");
        }

        Rate = rate;
    }

    /// <summary>Gets the drop probability.</summary>
    public double Rate { get; }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) =>
        training && Rate > 0
            ? inputs * Noise(inputs, 1, Math.Sqrt(Rate / (1 - Rate)))
            : inputs.alias();

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["rate"] = Rate;
        c["seed"] = Seed;
        return c;
    }
}
