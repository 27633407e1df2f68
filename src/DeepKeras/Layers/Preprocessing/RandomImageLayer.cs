using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The base of the random augmentation layers: they transform images only in training (<c>training: true</c>, inside
/// <c>Fit</c>) and pass them through otherwise, drawing from a <see cref="Keras.Random.SeedGenerator"/> made from
/// <see cref="Seed"/> so that a seeded layer draws the same sequence as Keras's.
/// </summary>
public abstract class RandomImageLayer : BaseImagePreprocessingLayer
{
    private readonly Keras.Random.SeedGenerator _generator;

    /// <summary>Stores the seed, the data format and the layer's base arguments.</summary>
    /// <param name="seed">The seed of the layer's draws; null for torch's global generator.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    protected RandomImageLayer(int? seed, string? dataFormat, string? name, bool trainable, Shape? inputShape)
        : base(dataFormat, name, trainable, inputShape)
    {
        Seed = seed;
        _generator = new Keras.Random.SeedGenerator(seed);
    }

    /// <summary>Gets the seed (null: torch's global generator).</summary>
    public int? Seed { get; }

    /// <summary>Draws U[minval, maxval) float32 values as Keras's torch backend does (the next draw of the layer's seed).</summary>
    protected Tensor Uniform(long[] shape, double minval, double maxval, TorchSharp.torch.Device device) =>
        _generator.Uniform(shape, ScalarType.Float32, device).mul_(maxval - minval).add_(minval);

    /// <summary>The error for a bad factor, naming the layer and the argument.</summary>
    protected ArgumentException FactorError(string argument, string expected, FactorArg received) => new(
        $"Layer \"{Name}\" ({ClassName}): the `{argument}` argument should be a number (or a list of two numbers) in the range {expected}. Received: {argument}={received}",
        argument);

    /// <summary>
    /// Keras's <c>_set_factor</c> of the base layer: a number f in [min, max] gives (max(−|f|, min), |f|); a pair that
    /// overlaps [min, max] gives its sorted values.
    /// </summary>
    protected (double Lower, double Upper) BaseFactor(FactorArg factor, double min, double max, string argument = "factor")
    {
        var expected = $"[{min}, {max}]";
        if (factor.Single is { } f)
        {
            return f < min || f > max || double.IsNaN(f)
                ? throw FactorError(argument, expected, factor)
                : (Math.Max(-Math.Abs(f), min), Math.Abs(f));
        }

        if (factor.Pair is not [var a, var b] || a > max || b < min)
        {
            throw FactorError(argument, expected, factor);
        }

        return (Math.Min(a, b), Math.Max(a, b));
    }

    /// <inheritdoc/>
    protected sealed override Tensor TransformImages(Tensor images, bool training) =>
        training ? Augment(images) : Passthrough(images);

    /// <summary>The images in inference: cast to float32 when they are not floating (Keras's compute dtype).</summary>
    protected virtual Tensor Passthrough(Tensor images) => Floating(images);

    /// <summary>Draws a random transformation for each image of the batch and applies it.</summary>
    /// <param name="images">The batch (a single image arrives as a batch of one).</param>
    protected abstract Tensor Augment(Tensor images);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["seed"] = Seed;
        return config;
    }
}
