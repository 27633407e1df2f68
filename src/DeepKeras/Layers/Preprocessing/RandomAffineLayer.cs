using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The base of the random geometric augmentation layers (rotation, zoom, translation): in training each image gets a
/// drawn affine transform, applied with <see cref="Keras.Ops.Image.AffineTransform"/>; points that fall outside the image
/// are filled as <see cref="FillMode"/> says.
/// </summary>
public abstract class RandomAffineLayer : RandomImageLayer
{
    /// <summary>Checks and stores the sampling arguments, the seed, the data format and the layer's base arguments.</summary>
    /// <param name="fillMode"><c>"reflect"</c>, <c>"wrap"</c>, <c>"constant"</c> or <c>"nearest"</c>.</param>
    /// <param name="interpolation"><c>"bilinear"</c> or <c>"nearest"</c>.</param>
    /// <param name="seed">The seed of the draws; null for torch's global generator.</param>
    /// <param name="fillValue">The value outside the image when <paramref name="fillMode"/> is <c>"constant"</c>.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">An unknown fill mode or interpolation.</exception>
    protected RandomAffineLayer(string fillMode, string interpolation, int? seed, double fillValue, string? dataFormat,
        string? name, bool trainable, Shape? inputShape)
        : base(seed, dataFormat, name, trainable, inputShape)
    {
        FillMode = fillMode is "reflect" or "wrap" or "constant" or "nearest"
            ? fillMode
            : throw new ArgumentException(
                $"Layer \"{Name}\" ({ClassName}): unknown `fill_mode` {fillMode}. Expected one of ('reflect', 'wrap', 'constant', 'nearest').",
                nameof(fillMode));
        Interpolation = interpolation is "nearest" or "bilinear"
            ? interpolation
            : throw new ArgumentException(
                $"Layer \"{Name}\" ({ClassName}): unknown `interpolation` {interpolation}. Expected one of ('nearest', 'bilinear').",
                nameof(interpolation));
        FillValue = fillValue;
    }

    /// <summary>Gets how points outside the image are filled.</summary>
    public string FillMode { get; }

    /// <summary>Gets the interpolation.</summary>
    public string Interpolation { get; }

    /// <summary>Gets the value outside the image with the <c>"constant"</c> fill mode.</summary>
    public double FillValue { get; }

    /// <inheritdoc/>
    protected sealed override Tensor Augment(Tensor images)
    {
        var x = Floating(images);
        var (h, w) = Size(x);
        return Keras.Ops.Image.AffineTransform(x, DrawTransforms(x.shape[0], h, w, x.device), Interpolation, FillMode, FillValue, DataFormat);
    }

    /// <summary>
    /// Draws one transform <c>[a0, a1, a2, b0, b1, b2, 0, 0]</c> per image (float32, <c>(batch, 8)</c>), in the order
    /// Keras draws them.
    /// </summary>
    /// <param name="batch">The number of images.</param>
    /// <param name="height">The image height.</param>
    /// <param name="width">The image width.</param>
    /// <param name="device">The device of the images.</param>
    protected abstract Tensor DrawTransforms(long batch, long height, long width, TorchSharp.torch.Device device);

    /// <summary>
    /// Keras's factor of the zoom and translation layers: each value must lie within [−1, 1] (zoom: above −1); a number
    /// f gives (−|f|, |f|), a pair its sorted values.
    /// </summary>
    protected (double Lower, double Upper) SymmetricFactor(FactorArg factor, string argument, bool openBelow)
    {
        var expected = openBelow ? "(-1.0, 1.0]" : "[-1.0, 1.0]";
        bool Bad(double v) => v > 1 || (openBelow ? v <= -1 : v < -1) || double.IsNaN(v);
        if (factor.Single is { } f)
        {
            return Bad(f) ? throw FactorError(argument, expected, factor) : (-Math.Abs(f), Math.Abs(f));
        }

        return factor.Pair is [var a, var b] && !Bad(a) && !Bad(b)
            ? (Math.Min(a, b), Math.Max(a, b))
            : throw FactorError(argument, expected, factor);
    }

    /// <summary>Transforms <c>[a0, 0, a2, 0, b1, b2, 0, 0]</c> from columns of shape (batch, 1).</summary>
    protected static Tensor ScaleShift(Tensor a0, Tensor a2, Tensor b1, Tensor b2)
    {
        var zero = zeros_like(a0);
        return cat([a0, zero, a2, zero, b1, b2, zero, zero], 1);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["fill_mode"] = FillMode;
        config["interpolation"] = Interpolation;
        config["fill_value"] = FillValue;
        return config;
    }
}
