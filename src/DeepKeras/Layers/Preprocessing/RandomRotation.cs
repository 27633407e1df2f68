using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Randomly rotates images about their center in training (Keras <c>keras.layers.RandomRotation</c>). The angle is
/// drawn in <c>[lower·360°, upper·360°]</c> per image, where <c>factor</c> f gives (−f, f) — <c>RandomRotation(0.1)</c>
/// rotates by up to ±36°. In inference the images pass through.
/// </summary>
/// <example><code>var rotate = Keras.Layers.RandomRotation(0.1, fillMode: "constant");</code></example>
public sealed class RandomRotation : RandomAffineLayer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="factor">A number in [−1, 1] (a range ±|f|) or a pair <c>(lower, upper)</c>, as fractions of a full turn.</param>
    /// <param name="fillMode"><c>"reflect"</c> (default), <c>"wrap"</c>, <c>"constant"</c> or <c>"nearest"</c>.</param>
    /// <param name="interpolation"><c>"bilinear"</c> (default) or <c>"nearest"</c>.</param>
    /// <param name="seed">The seed of the draws; null for torch's global generator.</param>
    /// <param name="fillValue">The value outside the image when <paramref name="fillMode"/> is <c>"constant"</c>.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">A factor outside [−1, 1], an unknown fill mode or interpolation.</exception>
    public RandomRotation(FactorArg factor, string fillMode = "reflect", string interpolation = "bilinear", int? seed = null,
        double fillValue = 0.0, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(fillMode, interpolation, seed, fillValue, dataFormat, name, trainable, inputShape)
    {
        Factor = BaseFactor(factor, -1, 1);
    }

    /// <summary>Gets the angle range <c>(lower, upper)</c> in fractions of a full turn.</summary>
    public (double Lower, double Upper) Factor { get; }

    /// <summary>
    /// The transforms that rotate images of the given size by the given angles (degrees, shape (batch)) about their
    /// center, computed as Keras's <c>_compute_affine_matrix</c> (float32).
    /// </summary>
    /// <param name="degrees">The angles, one per image.</param>
    /// <param name="height">The image height.</param>
    /// <param name="width">The image width.</param>
    public static Tensor RotationTransforms(Tensor degrees, long height, long width)
    {
        var angle = degrees.to_type(ScalarType.Float32) * tensor((float)(Math.PI / 180.0), ScalarType.Float32, degrees.device);
        var cx = 0.5f * (width - 1f);
        var cy = 0.5f * (height - 1f);
        var (cos, sin) = (angle.cos().unsqueeze(1), angle.sin().unsqueeze(1));
        var a2 = cx - (cx * cos) - (cy * -sin);
        var b2 = cy - (cx * sin) - (cy * cos);
        var zero = zeros_like(cos);
        return cat([cos, -sin, a2, sin, cos, b2, zero, zero], 1);
    }

    /// <inheritdoc/>
    protected override Tensor DrawTransforms(long batch, long height, long width, TorchSharp.torch.Device device) =>
        RotationTransforms(Uniform([batch], Factor.Lower * 360.0, Factor.Upper * 360.0, device), height, width);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["factor"] = new List<object?> { Factor.Lower, Factor.Upper };
        return config;
    }
}
