using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The shared base of the window pooling layers (Keras <c>BasePooling</c>): max, average and — a DeepKeras addition
/// for teaching — min pooling over <c>pool_size</c> windows moved by <c>strides</c>.
/// </summary>
/// <remarks>
/// Output length per axis: valid ⌊(n − k)/s⌋ + 1, same ⌈n/s⌉. With "same" the padded cells never win a max or min, and
/// an average divides by the number of real cells in its window (as Keras/TensorFlow), not by the window size.
/// </remarks>
public abstract class BasePooling : Layer
{
    /// <summary>Validates and stores the configuration.</summary>
    /// <param name="rank">Number of spatial axes.</param>
    /// <param name="poolSize">Window size.</param>
    /// <param name="strides">Step; null means <paramref name="poolSize"/>.</param>
    /// <param name="poolMode"><c>max</c>, <c>average</c> or <c>min</c>.</param>
    /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    protected BasePooling(int rank, IntTuple poolSize, IntTuple? strides, string poolMode, string padding, string? dataFormat, string? name, bool trainable, Shape? inputShape)
        : base(name, trainable, inputShape)
    {
        Rank = rank;
        PoolSize = poolSize.Standardize(rank, "pool_size");
        Strides = (strides ?? poolSize).Standardize(rank, "strides");
        PoolMode = poolMode;
        Padding = ConvArgs.Padding(padding);
        DataFormat = ConvArgs.DataFormat(dataFormat);
        InputSpec = new InputSpec { NDim = rank + 2 };
    }

    /// <summary>Gets the number of spatial axes.</summary>
    public int Rank { get; }

    /// <summary>Gets the window size per axis.</summary>
    public int[] PoolSize { get; }

    /// <summary>Gets the strides per axis.</summary>
    public int[] Strides { get; }

    /// <summary>Gets the reduction: <c>max</c>, <c>average</c> or <c>min</c>.</summary>
    public string PoolMode { get; }

    /// <summary>Gets the padding mode.</summary>
    public string Padding { get; }

    /// <summary>Gets the data format.</summary>
    public string DataFormat { get; }

    private bool ChannelsLast => DataFormat == "channels_last";

    /// <inheritdoc/>
    public override void Build(Shape inputShape) => ComputeOutputShape(inputShape);

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var x = SpatialLayout.ToTorch(inputs, ChannelsLast);
        var y = PoolMode switch
        {
            "max" => Max(x),
            "min" => Max(x.neg()).neg(),
            _ => Average(x),
        };
        return SpatialLayout.FromTorch(y, ChannelsLast);
    }

    private Tensor Max(Tensor x)
    {
        var pad = new long[Rank];
        if (Padding == "same")
        {
            (x, pad) = SpatialLayout.PadSame(x, PoolSize, Strides, Ones, double.NegativeInfinity);
        }

        return SpatialOps.MaxPool(x, SpatialLayout.L(PoolSize), SpatialLayout.L(Strides), pad);
    }

    private Tensor Average(Tensor x)
    {
        var k = SpatialLayout.L(PoolSize);
        var s = SpatialLayout.L(Strides);
        if (Padding == "valid")
        {
            return SpatialOps.AvgPool(x, k, s, new long[Rank], true);
        }

        var (padded, pad) = SpatialLayout.PadSame(x, PoolSize, Strides, Ones);
        if (!ReferenceEquals(padded, x))
        {
            // Uneven padding was applied as zeros: divide by the fraction of real cells in each window instead.
            var spatial = x.shape[2..];
            var real = ones([1, 1, .. spatial], dtype: x.dtype, device: x.device);
            var (realPadded, _) = SpatialLayout.PadSame(real, PoolSize, Strides, Ones);
            return SpatialOps.AvgPool(padded, k, s, pad, true).div_(SpatialOps.AvgPool(realPadded, k, s, pad, true));
        }

        return SpatialOps.AvgPool(x, k, s, pad, false);
    }

    private int[] Ones => Enumerable.Repeat(1, Rank).ToArray();

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => ConvArgs.WindowOutputShape(
        this, inputShape, Rank, ChannelsLast, 0, PoolSize, Strides, Ones, Padding).With(ChannelsLast ? -1 : 1, inputShape[ChannelsLast ? -1 : 1]);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["pool_size"] = Serialize(PoolSize);
        config["padding"] = Padding;
        config["strides"] = Serialize(Strides);
        config["data_format"] = DataFormat;
        return config;
    }
}
