using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Randomly adjusts the contrast of images in training (Keras <c>keras.layers.RandomContrast</c>): each image's pixels
/// move away from (or toward) the image's per-channel mean by a drawn factor c, <c>(x − mean)·c + mean</c>, and are
/// clipped to <c>valueRange</c>. In inference the images pass through unchanged.
/// </summary>
/// <remarks>
/// As Keras 3.15 computes it: a number f gives c in [1, 1 + f] (the factor range is clipped at 0 below); a pair
/// <c>(lower, upper)</c> gives c in [1 − lower, 1 + upper].
/// </remarks>
/// <example><code>var contrast = Keras.Layers.RandomContrast(0.2, valueRange: [0, 1]);</code></example>
public sealed class RandomContrast : RandomImageLayer
{
    private readonly double[] _valueRange;

    /// <summary>Creates the layer.</summary>
    /// <param name="factor">A number in [0, 1] or a pair <c>(lower, upper)</c>, as described in the remarks.</param>
    /// <param name="valueRange">The range <c>[low, high]</c> of the image values; null means [0, 255].</param>
    /// <param name="seed">The seed of the draws; null for torch's global generator.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">A factor outside [0, 1] or a value range that is not two numbers.</exception>
    public RandomContrast(FactorArg factor, double[]? valueRange = null, int? seed = null, string? dataFormat = null,
        string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(seed, dataFormat, name, trainable, inputShape)
    {
        Factor = BaseFactor(factor, 0, 1);
        _valueRange = valueRange ?? [0, 255];
        if (_valueRange.Length != 2)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (RandomContrast): `valueRange` must be two numbers [low, high]. Received: valueRange=[{string.Join(", ", _valueRange)}]",
                nameof(valueRange));
        }
    }

    /// <summary>Gets the factor range <c>(lower, upper)</c>: the contrast factor is drawn in [1 − lower, 1 + upper].</summary>
    public (double Lower, double Upper) Factor { get; }

    /// <summary>Gets the range of the image values.</summary>
    public IReadOnlyList<double> ValueRange => _valueRange;

    /// <inheritdoc/>
    protected override Tensor Passthrough(Tensor images) => images;

    /// <inheritdoc/>
    protected override Tensor Augment(Tensor images)
    {
        var x = Floating(images);
        var c = Uniform([x.shape[0], 1, 1, 1], 1 - Factor.Lower, 1 + Factor.Upper, x.device);
        var (hAxis, wAxis) = ChannelsLast ? (1L, 2L) : (2L, 3L);
        var mean = x.mean([hAxis], keepdim: true).mean([wAxis], keepdim: true);
        return ((x - mean) * c + mean).clamp(_valueRange[0], _valueRange[1]);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["factor"] = new List<object?> { Factor.Lower, Factor.Upper };
        config["value_range"] = Serialize(_valueRange);
        return config;
    }
}
