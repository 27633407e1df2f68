using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Randomly shifts images in training (Keras <c>keras.layers.RandomTranslation</c>): each image moves by a drawn fraction
/// of its height (in <c>[lower, upper]</c> of <c>heightFactor</c>) and of its width; positive values move it down/right.
/// In inference the images pass through.
/// </summary>
/// <example><code>var shift = Keras.Layers.RandomTranslation(0.1, 0.1, fillMode: "nearest");</code></example>
public sealed class RandomTranslation : RandomAffineLayer
{
    private readonly FactorArg _heightFactor;
    private readonly FactorArg _widthFactor;

    /// <summary>Creates the layer.</summary>
    /// <param name="heightFactor">A number in [−1, 1] (a range ±|f|) or a pair <c>(lower, upper)</c>, as fractions of the height.</param>
    /// <param name="widthFactor">The same as fractions of the width.</param>
    /// <param name="fillMode"><c>"reflect"</c> (default), <c>"wrap"</c>, <c>"constant"</c> or <c>"nearest"</c>.</param>
    /// <param name="interpolation"><c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
    /// <param name="seed">The seed of the draws; null for torch's global generator.</param>
    /// <param name="fillValue">The value outside the image when <paramref name="fillMode"/> is <c>"constant"</c>.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">A factor outside [−1, 1], an unknown fill mode or interpolation.</exception>
    public RandomTranslation(FactorArg heightFactor, FactorArg widthFactor, string fillMode = "reflect",
        string interpolation = "bilinear", int? seed = null, double fillValue = 0.0, string? dataFormat = null,
        string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(fillMode, interpolation, seed, fillValue, dataFormat, name, trainable, inputShape)
    {
        _heightFactor = heightFactor;
        _widthFactor = widthFactor;
        HeightRange = SymmetricFactor(heightFactor, "height_factor", openBelow: false);
        WidthRange = SymmetricFactor(widthFactor, "width_factor", openBelow: false);
    }

    /// <summary>Gets the height shift range <c>(lower, upper)</c> in fractions of the height.</summary>
    public (double Lower, double Upper) HeightRange { get; }

    /// <summary>Gets the width shift range <c>(lower, upper)</c> in fractions of the width.</summary>
    public (double Lower, double Upper) WidthRange { get; }

    /// <inheritdoc/>
    protected override Tensor DrawTransforms(long batch, long height, long width, TorchSharp.torch.Device device)
    {
        var dy = Uniform([batch, 1], HeightRange.Lower, HeightRange.Upper, device) * (float)height;
        var dx = Uniform([batch, 1], WidthRange.Lower, WidthRange.Upper, device) * (float)width;
        return ScaleShift(ones_like(dx), -dx, ones_like(dy), -dy);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["height_factor"] = _heightFactor.ToConfig();
        config["width_factor"] = _widthFactor.ToConfig();
        return config;
    }
}
