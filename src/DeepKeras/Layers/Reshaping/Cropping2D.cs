using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>Removes rows and columns at the borders of images (Keras <c>keras.layers.Cropping2D</c>).</summary>
public class Cropping2D : Layer
{
    /// <summary>Crops <paramref name="cropping"/> cells on all four sides.</summary>
    /// <param name="cropping">Cells removed at the top, bottom, left and right (default 0).</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    public Cropping2D(int cropping = 0, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : this(((cropping, cropping), (cropping, cropping)), dataFormat, name, trainable, inputShape)
    {
    }

    /// <summary>Crops symmetrically: <c>(rows, columns)</c>.</summary>
    /// <param name="cropping">Rows removed at the top and at the bottom, columns at the left and at the right.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    public Cropping2D((int Rows, int Columns) cropping, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : this(((cropping.Rows, cropping.Rows), (cropping.Columns, cropping.Columns)), dataFormat, name, trainable, inputShape)
    {
    }

    /// <summary>Crops each side separately: <c>((top, bottom), (left, right))</c>.</summary>
    /// <param name="cropping">The four amounts.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative.</exception>
    public Cropping2D(((int Top, int Bottom) Rows, (int Left, int Right) Columns) cropping, string? dataFormat = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        var (t, b) = cropping.Rows;
        var (l, r) = cropping.Columns;
        if (t < 0 || b < 0 || l < 0 || r < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cropping), cropping,
                $"`cropping` should contain non-negative integers. Received: cropping=(({t}, {b}), ({l}, {r}))");
        }

        Cropping = cropping;
        DataFormat = ConvArgs.DataFormat(dataFormat);
        InputSpec = new InputSpec { NDim = 4 };
    }

    /// <summary>Gets the cropping <c>((top, bottom), (left, right))</c>.</summary>
    public ((int Top, int Bottom) Rows, (int Left, int Right) Columns) Cropping { get; }

    /// <summary>Gets the data format.</summary>
    public string DataFormat { get; }

    private int RowAxis => DataFormat == "channels_last" ? 1 : 2;

    /// <inheritdoc/>
    public override void Build(Shape inputShape) => ComputeOutputShape(inputShape);

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var ((t, b), (l, r)) = Cropping;
        var h = RowAxis;
        return inputs.narrow(h, t, inputs.shape[h] - t - b).narrow(h + 1, l, inputs.shape[h + 1] - l - r);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var ((t, b), (l, r)) = Cropping;
        var h = RowAxis;
        int? rows = inputShape[h] - t - b;
        int? cols = inputShape[h + 1] - l - r;
        if (rows is <= 0 || cols is <= 0)
        {
            throw new ArgumentException(
                $"`cropping` parameter of layer \"{Name}\" (Cropping2D) must be smaller than the input shape. " +
                $"Received: input_shape={inputShape}, cropping=(({t}, {b}), ({l}, {r}))");
        }

        return inputShape.With(h, rows).With(h + 1, cols);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        var ((t, b), (l, r)) = Cropping;
        config["cropping"] = new[] { new[] { t, b }, new[] { l, r } };
        config["data_format"] = DataFormat;
        return config;
    }
}
