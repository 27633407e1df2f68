using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Crops the central <c>(height, width)</c> window of images (Keras <c>keras.layers.CenterCrop</c>). An image smaller
/// than the target on either side is instead cropped to the target's aspect ratio and resized (bilinear), as Keras's
/// <c>smart_resize</c> does.
/// </summary>
/// <example><code>var crop = Keras.Layers.CenterCrop(24, 24);   // (32, 32, 3) images become (24, 24, 3)</code></example>
public sealed class CenterCrop : BaseImagePreprocessingLayer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="height">The output height.</param>
    /// <param name="width">The output width.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException">A height or width that is not positive.</exception>
    public CenterCrop(int height, int width, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(dataFormat, name, trainable, inputShape)
    {
        if (height <= 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(height <= 0 ? nameof(height) : nameof(width),
                $"Layer \"{Name}\" (CenterCrop): `height` and `width` must be positive. Received: height={height}, width={width}");
        }

        Height = height;
        Width = width;
    }

    /// <summary>Gets the output height.</summary>
    public int Height { get; }

    /// <summary>Gets the output width.</summary>
    public int Width { get; }

    /// <inheritdoc/>
    protected override Tensor TransformImages(Tensor images, bool training)
    {
        var x = Floating(images);
        var (h, w) = Size(x);
        if (h < Height || w < Width)
        {
            return Keras.Ops.Image.Resize(x, (Height, Width), cropToAspectRatio: true, dataFormat: DataFormat);
        }

        var hAxis = ChannelsLast ? 1 : 2;
        return x.narrow(hAxis, (h - Height) / 2, Height).narrow(hAxis + 1, (w - Width) / 2, Width);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => WithSpatialSize(inputShape, Height, Width);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["height"] = Height;
        config["width"] = Width;
        return config;
    }
}
