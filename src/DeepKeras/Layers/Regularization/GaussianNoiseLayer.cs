namespace DeepKeras.Layers;

/// <summary>
/// Base of <see cref="GaussianNoise"/> and <see cref="GaussianDropout"/>: during training each perturbs its input with
/// Gaussian noise drawn from its own seeded generator; at inference it passes the input through. The output has the
/// input's shape, and masks pass through.
/// </summary>
public abstract class GaussianNoiseLayer : Layer
{
    private readonly Keras.Random.SeedGenerator _random;

    private protected GaussianNoiseLayer(int? seed, string? name, bool trainable, Shape? inputShape)
        : base(name, trainable, inputShape)
    {
        Seed = seed;
        _random = new Keras.Random.SeedGenerator(seed);
    }

    /// <summary>Gets the seed given at construction.</summary>
    public int? Seed { get; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <summary>Draws noise N(<paramref name="mean"/>, <paramref name="stddev"/>²) shaped like <paramref name="inputs"/>.</summary>
    private protected Tensor Noise(Tensor inputs, double mean, double stddev) =>
        _random.Normal(inputs.shape, mean, stddev, inputs.dtype, inputs.device);
}
