using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Randomly zooms images about their center in training (Keras <c>keras.layers.RandomZoom</c>). A height factor f draws
/// the vertical zoom in <c>[1 + lower, 1 + upper]</c> per image; values above 1 sample a larger window (zoom out),
/// below 1 a smaller one (zoom in). Without a width factor the width keeps the height's zoom (the aspect ratio). In
/// inference the images pass through.
/// </summary>
/// <example><code>var zoom = Keras.Layers.RandomZoom(0.2);              // zoom in or out by up to 20%</code></example>
public sealed class RandomZoom : RandomAffineLayer
{
    private readonly FactorArg _heightFactor;
    private readonly FactorArg? _widthFactor;

    /// <summary>Creates the layer.</summary>
    /// <param name="heightFactor">A number in (−1, 1] (a range ±|f|) or a pair <c>(lower, upper)</c>.</param>
    /// <param name="widthFactor">The same for the width; null keeps the aspect ratio.</param>
    /// <param name="fillMode"><c>"reflect"</c> (default), <c>"wrap"</c>, <c>"constant"</c> or <c>"nearest"</c>.</param>
    /// <param name="interpolation"><c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
    /// <param name="seed">The seed of the draws; null for torch's global generator.</param>
    /// <param name="fillValue">The value outside the image when <paramref name="fillMode"/> is <c>"constant"</c>.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">A factor outside (−1, 1], an unknown fill mode or interpolation.</exception>
    public RandomZoom(FactorArg heightFactor, FactorArg? widthFactor = null, string fillMode = "reflect",
        string interpolation = "bilinear", int? seed = null, double fillValue = 0.0, string? dataFormat = null,
        string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(fillMode, interpolation, seed, fillValue, dataFormat, name, trainable, inputShape)
    {
        _heightFactor = heightFactor;
        _widthFactor = widthFactor;
        HeightRange = SymmetricFactor(heightFactor, "height_factor", openBelow: true);
        WidthRange = widthFactor is { } wf ? SymmetricFactor(wf, "width_factor", openBelow: true) : null;
    }

    /// <summary>Gets the height factor range <c>(lower, upper)</c>.</summary>
    public (double Lower, double Upper) HeightRange { get; }

    /// <summary>Gets the width factor range, or null when the width follows the height.</summary>
    public (double Lower, double Upper)? WidthRange { get; }

    /// <inheritdoc/>
    protected override Tensor DrawTransforms(long batch, long height, long width, TorchSharp.torch.Device device)
    {
        var hz = Uniform([batch, 1], 1.0 + HeightRange.Lower, 1.0 + HeightRange.Upper, device);
        var wz = WidthRange is { } wr ? Uniform([batch, 1], 1.0 + wr.Lower, 1.0 + wr.Upper, device) : hz;
        var xOffset = ((width - 1f) / 2f) * (1 - wz);
        var yOffset = ((height - 1f) / 2f) * (1 - hz);
        return ScaleShift(wz, xOffset, hz, yOffset);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["height_factor"] = _heightFactor.ToConfig();
        config["width_factor"] = _widthFactor?.ToConfig();
        return config;
    }
}
