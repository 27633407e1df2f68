using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Dropout that keeps a SELU network self-normalizing (Keras <c>keras.layers.AlphaDropout</c>): in training each input is
/// set to SELU's negative saturation −α·λ with probability <c>rate</c>, then an affine map a·x + b restores the mean
/// and variance of the inputs. Does nothing at inference.
/// </summary>
/// <remarks>
/// Input shape: any. Output shape: the input shape. No weights. With a <c>seed</c>, the first training call draws the same
/// mask as Keras's first call with that seed.
/// </remarks>
/// <example><code>
/// var model = Sequential(Input(shape: 64), Layers.Dense(64, activation: "selu", kernelInitializer: "lecun_normal"),
///     Layers.AlphaDropout(0.1), Layers.Dense(10));
/// </code></example>
public sealed class AlphaDropout : Layer
{
    private const double SeluAlpha = 1.6732632423543772848170429916717;
    private const double SeluScale = 1.0507009873554804934193349852946;
    private readonly Keras.Random.SeedGenerator _random;

    /// <summary>Creates the layer.</summary>
    /// <param name="rate">Fraction of inputs to drop, in [0, 1].</param>
    /// <param name="noiseShape">Shape of the drop mask (null sizes take the input's; e.g. <c>(null, 1, null)</c> drops the same
    /// features at every time step); null (default) for the input shape.</param>
    /// <param name="seed">Seed of the layer's own generator; null draws from the global generator seeded by <c>SetRandomSeed</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1].</exception>
    public AlphaDropout(double rate, Shape? noiseShape = null, int? seed = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        if (!(rate is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate,
                $"Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate={rate}");
        }

        Rate = rate;
        NoiseShape = noiseShape;
        Seed = seed;
        _random = new Keras.Random.SeedGenerator(seed);
    }

    /// <summary>Gets the drop rate.</summary>
    public double Rate { get; }

    /// <summary>Gets the shape of the drop mask, or null for the input shape.</summary>
    public Shape? NoiseShape { get; }

    /// <summary>Gets the seed given at construction.</summary>
    public int? Seed { get; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        if (!training || Rate == 0)
        {
            return inputs.alias();
        }

        var shape = NoiseShape is { } noise
            ? inputs.shape.Select((d, i) => i < noise.Rank && noise[i] is { } n ? n : d).ToArray()
            : inputs.shape;
        var kept = _random.Uniform(shape, inputs.dtype, inputs.device).ge(Rate).to(inputs.dtype);
        const double alphaP = -SeluAlpha * SeluScale;
        var a = Math.Pow((1 - Rate) * (1 + Rate * alphaP * alphaP), -0.5);
        var b = -a * alphaP * Rate;
        var x = inputs * kept + alphaP * (1 - kept);
        return a * x + b;
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["rate"] = Rate;
        c["seed"] = Seed;
        c["noise_shape"] = Serialize(NoiseShape);
        return c;
    }
}
