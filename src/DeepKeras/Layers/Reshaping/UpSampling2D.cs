using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Enlarges images by repeating rows and columns (<c>nearest</c>) or by bilinear interpolation (Keras
/// <c>keras.layers.UpSampling2D</c>). <c>UpSampling2D(2)</c> turns 7×7 into 14×14.
/// </summary>
public class UpSampling2D : BaseUpSampling
{
    /// <summary>Creates the layer.</summary>
    /// <param name="size">Factors for rows and columns: one int for both or <c>(rows, columns)</c>; null means (2, 2).</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="interpolation"><c>nearest</c> (default) or <c>bilinear</c> (half-pixel centers, as Keras/TensorFlow).</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">A factor is not positive or the interpolation is unknown.</exception>
    public UpSampling2D(IntTuple? size = null, string? dataFormat = null, string interpolation = "nearest", string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(2, size ?? 2, dataFormat, name, trainable, inputShape)
    {
        Interpolation = (interpolation ?? "").Trim().ToLowerInvariant();
        if (Interpolation is not ("nearest" or "bilinear"))
        {
            throw new ArgumentException(
                $"`interpolation` argument should be one of: \"nearest\", \"bilinear\". Received: \"{interpolation}\".",
                nameof(interpolation));
        }
    }

    /// <summary>Gets the interpolation (<c>nearest</c> or <c>bilinear</c>).</summary>
    public string Interpolation { get; }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        if (Interpolation == "nearest")
        {
            return base.Call(inputs, training);
        }

        var x = SpatialLayout.ToTorch(inputs, ChannelsLast);
        var y = nn.functional.interpolate(x, [x.shape[2] * Size[0], x.shape[3] * Size[1]],
            mode: InterpolationMode.Bilinear, align_corners: false);
        return SpatialLayout.FromTorch(y, ChannelsLast);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["interpolation"] = Interpolation;
        return config;
    }
}
