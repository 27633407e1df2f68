using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The base of the image preprocessing and augmentation layers (Keras <c>BaseImagePreprocessingLayer</c>): they take a
/// batch of images (rank 4) or one image (rank 3) in <see cref="DataFormat"/> and transform each image.
/// </summary>
public abstract class BaseImagePreprocessingLayer : Layer
{
    /// <summary>Stores the data format and the layer's base arguments.</summary>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    protected BaseImagePreprocessingLayer(string? dataFormat, string? name, bool trainable, Shape? inputShape)
        : base(name, trainable, inputShape)
    {
        DataFormat = ConvArgs.DataFormat(dataFormat);
    }

    /// <summary>Gets the data format (<c>channels_last</c> or <c>channels_first</c>).</summary>
    public string DataFormat { get; }

    /// <summary>Gets whether the channels are the last axis.</summary>
    protected bool ChannelsLast => DataFormat == "channels_last";

    /// <inheritdoc/>
    protected sealed override Tensor Call(Tensor inputs, bool training)
    {
        if (inputs.dim() is not (3 or 4))
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" ({ClassName}) expected image tensor to have rank 3 (single image) or 4 (batch of images). Received: data.shape={Keras.Ops.Shape(inputs)}",
                nameof(inputs));
        }

        var single = inputs.dim() == 3;
        var y = TransformImages(single ? inputs.unsqueeze(0) : inputs, training);
        return single ? y.squeeze(0) : y;
    }

    /// <summary>Transforms a batch of images <c>(batch, height, width, channels)</c> (or channels first).</summary>
    /// <param name="images">The batch (a single image arrives as a batch of one).</param>
    /// <param name="training">Whether the call is in training (random layers transform only then).</param>
    protected abstract Tensor TransformImages(Tensor images, bool training);

    /// <summary>The images as float32 unless they are floating already (Keras casts to the compute dtype).</summary>
    protected static Tensor Floating(Tensor images) => images.is_floating_point() ? images : images.to_type(ScalarType.Float32);

    /// <summary>The height and width of a batch in <see cref="DataFormat"/>.</summary>
    protected (long Height, long Width) Size(Tensor images) =>
        ChannelsLast ? (images.shape[1], images.shape[2]) : (images.shape[2], images.shape[3]);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <summary>An output shape with the spatial size replaced (rank 3 or 4 shapes).</summary>
    protected Shape WithSpatialSize(Shape inputShape, int height, int width)
    {
        var h = inputShape.Rank - (ChannelsLast ? 3 : 2);
        return inputShape.With(h, height).With(h + 1, width);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["data_format"] = DataFormat;
        return config;
    }
}
