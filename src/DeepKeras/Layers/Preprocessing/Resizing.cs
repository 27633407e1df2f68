using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Resizes images to <c>(height, width)</c> (Keras <c>keras.layers.Resizing</c>; the math of
/// <see cref="Keras.Ops.Image.Resize"/>), in training and inference alike.
/// </summary>
/// <example><code>var model = Keras.Sequential(Keras.Input(shape: (None, None, 3)), Keras.Layers.Resizing(64, 64), ...);</code></example>
public sealed class Resizing : BaseImagePreprocessingLayer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="height">The output height.</param>
    /// <param name="width">The output width.</param>
    /// <param name="interpolation"><c>"bilinear"</c> (default), <c>"nearest"</c> or <c>"bicubic"</c>.</param>
    /// <param name="cropToAspectRatio">Whether to crop the largest centered window of the target's aspect ratio first.</param>
    /// <param name="padToAspectRatio">Whether to pad the short side evenly to the target's aspect ratio first.</param>
    /// <param name="fillMode">How padded areas are filled; only <c>"constant"</c>.</param>
    /// <param name="fillValue">The value of padded areas.</param>
    /// <param name="antialias">Whether to low-pass filter when downsampling (bilinear and bicubic).</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">A size that is not positive, both aspect-ratio options, or an unknown mode.</exception>
    public Resizing(int height, int width, string interpolation = "bilinear", bool cropToAspectRatio = false,
        bool padToAspectRatio = false, string fillMode = "constant", double fillValue = 0.0, bool antialias = false,
        string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(dataFormat, name, trainable, inputShape)
    {
        Height = height;
        Width = width;
        Interpolation = interpolation;
        CropToAspectRatio = cropToAspectRatio;
        PadToAspectRatio = padToAspectRatio;
        FillMode = fillMode;
        FillValue = fillValue;
        Antialias = antialias;
        _ = Keras.Ops.Image.ResizeMode($"Layer \"{Name}\" (Resizing)", (height, width), interpolation, cropToAspectRatio,
            padToAspectRatio, fillMode);
    }

    /// <summary>Gets the output height.</summary>
    public int Height { get; }

    /// <summary>Gets the output width.</summary>
    public int Width { get; }

    /// <summary>Gets the interpolation.</summary>
    public string Interpolation { get; }

    /// <summary>Gets whether images are cropped to the target aspect ratio first.</summary>
    public bool CropToAspectRatio { get; }

    /// <summary>Gets whether images are padded to the target aspect ratio first.</summary>
    public bool PadToAspectRatio { get; }

    /// <summary>Gets the fill mode of padded areas.</summary>
    public string FillMode { get; }

    /// <summary>Gets the value of padded areas.</summary>
    public double FillValue { get; }

    /// <summary>Gets whether downsampling is antialiased.</summary>
    public bool Antialias { get; }

    /// <inheritdoc/>
    protected override Tensor TransformImages(Tensor images, bool training) => Resize(images);

    private Tensor Resize(Tensor images) => Keras.Ops.Image.Resize(images, (Height, Width), Interpolation, Antialias,
        CropToAspectRatio, PadToAspectRatio, FillMode, FillValue, DataFormat);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => WithSpatialSize(inputShape, Height, Width);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["height"] = Height;
        config["width"] = Width;
        config["interpolation"] = Interpolation;
        config["crop_to_aspect_ratio"] = CropToAspectRatio;
        config["pad_to_aspect_ratio"] = PadToAspectRatio;
        config["fill_mode"] = FillMode;
        config["fill_value"] = FillValue;
        config["antialias"] = Antialias;
        return config;
    }
}
