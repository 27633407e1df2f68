using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Enlarges images by repeating rows and columns (<c>nearest</c>) or by bilinear interpolation (Keras
/// <c>keras.layers.UpSampling2D</c>). <c>UpSampling2D(2)</c> turns 7×7 into 14×14.
/// </summary>
public class UpSampling2D : Layer
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
        : base(name, trainable, inputShape)
    {
        Size = (size ?? 2).Standardize(2, "size");
        DataFormat = ConvArgs.DataFormat(dataFormat);
        Interpolation = (interpolation ?? "").Trim().ToLowerInvariant();
        if (Interpolation is not ("nearest" or "bilinear"))
        {
            throw new ArgumentException(
                $"`interpolation` argument should be one of: \"nearest\", \"bilinear\". Received: \"{interpolation}\".",
                nameof(interpolation));
        }

        InputSpec = new InputSpec { NDim = 4 };
    }

    /// <summary>Gets the factors <c>(rows, columns)</c>.</summary>
    public int[] Size { get; }

    /// <summary>Gets the data format.</summary>
    public string DataFormat { get; }

    /// <summary>Gets the interpolation (<c>nearest</c> or <c>bilinear</c>).</summary>
    public string Interpolation { get; }

    private bool ChannelsLast => DataFormat == "channels_last";

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var h = ChannelsLast ? 1 : 2;
        if (Interpolation == "nearest")
        {
            return inputs.repeat_interleave(Size[0], h).repeat_interleave(Size[1], h + 1);
        }

        var x = SpatialLayout.ToTorch(inputs, ChannelsLast);
        var y = nn.functional.interpolate(x, [x.shape[2] * Size[0], x.shape[3] * Size[1]],
            mode: InterpolationMode.Bilinear, align_corners: false);
        return SpatialLayout.FromTorch(y, ChannelsLast);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var h = ChannelsLast ? 1 : 2;
        return inputShape.With(h, inputShape[h] * Size[0]).With(h + 1, inputShape[h + 1] * Size[1]);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["size"] = Serialize(Size);
        config["data_format"] = DataFormat;
        config["interpolation"] = Interpolation;
        return config;
    }
}
