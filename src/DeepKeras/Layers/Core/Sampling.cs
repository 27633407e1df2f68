using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The reparameterization trick of a variational autoencoder (the <c>Sampling</c> layer of the Keras VAE example):
/// from <c>[zMean, zLogVar]</c> it returns z = zMean + exp(0.5·zLogVar)·ε with ε ~ N(0, 1), so the sample is a
/// differentiable function of the mean and log-variance and the encoder can be trained by back-propagation.
/// </summary>
/// <remarks>
/// Inputs: two tensors of the same shape <c>(batch, latentDim)</c>. Output: that shape. It samples in training and in
/// inference alike, as the Keras example does; use <c>zMean</c> for a deterministic code.
/// </remarks>
/// <example><code>
/// var zMean = Layers.Dense(2, name: "z_mean").Apply(h);
/// var zLogVar = Layers.Dense(2, name: "z_log_var").Apply(h);
/// var z = Layers.Sampling().Apply(zMean, zLogVar);
/// </code></example>
public sealed class Sampling : Layer
{
    private readonly Keras.Random.SeedGenerator _random;

    /// <summary>Creates the layer.</summary>
    /// <param name="seed">Seed of the layer's own generator for ε; null (default) draws from the global generator seeded by <c>SetRandomSeed</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    public Sampling(int? seed = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        Seed = seed;
        _random = new Keras.Random.SeedGenerator(seed);
    }

    /// <summary>Gets the seed given at construction.</summary>
    public int? Seed { get; }

    /// <inheritdoc/>
    protected override Tensor Call(IReadOnlyList<Tensor> inputs, bool training)
    {
        CheckPair(inputs.Count, () => inputs.Select(t => (Shape)t.shape));
        var (mean, logVar) = (inputs[0], inputs[1]);
        var epsilon = _random.Normal(mean.shape, 0, 1, mean.dtype, mean.device);
        return mean + (0.5 * logVar).exp() * epsilon;
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) =>
        throw new ArgumentException($"Layer \"{Name}\" (Sampling) expects 2 inputs [z_mean, z_log_var], but it received 1 input tensor.");

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        CheckPair(inputShapes.Count, () => inputShapes);
        return inputShapes[0];
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["seed"] = Seed;
        return c;
    }

    private void CheckPair(int count, Func<IEnumerable<Shape>> shapes)
    {
        if (count != 2)
        {
            throw new ArgumentException($"Layer \"{Name}\" (Sampling) expects 2 inputs [z_mean, z_log_var], but it received {count} input tensors.");
        }

        var s = shapes().ToArray();
        if (s[0].Rank != s[1].Rank || Enumerable.Range(1, s[0].Rank - 1).Any(i => s[0][i] is { } a && s[1][i] is { } b && a != b))
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (Sampling) expects z_mean and z_log_var of the same shape. Received: shapes {s[0]} and {s[1]}");
        }
    }
}
