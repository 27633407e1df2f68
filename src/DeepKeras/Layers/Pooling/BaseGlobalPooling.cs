using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The shared base of global pooling (Keras <c>BaseGlobalPooling</c>): one value per channel, the max or the mean over
/// all spatial positions. Output <c>(batch, channels)</c>, or with <c>keepdims</c> the input rank with spatial sizes 1.
/// </summary>
public abstract class BaseGlobalPooling : Layer
{
    /// <summary>Stores the configuration.</summary>
    /// <param name="rank">Number of spatial axes.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="keepdims">Whether to keep the spatial axes (as size 1).</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    protected BaseGlobalPooling(int rank, string? dataFormat, bool keepdims, string? name, bool trainable, Shape? inputShape)
        : base(name, trainable, inputShape)
    {
        Rank = rank;
        DataFormat = ConvArgs.DataFormat(dataFormat);
        Keepdims = keepdims;
        InputSpec = new InputSpec { NDim = rank + 2 };
    }

    /// <summary>Gets the number of spatial axes.</summary>
    public int Rank { get; }

    /// <summary>Gets the data format.</summary>
    public string DataFormat { get; }

    /// <summary>Gets whether the spatial axes are kept with size 1.</summary>
    public bool Keepdims { get; }

    /// <summary>Gets the spatial axes of the input.</summary>
    protected long[] SpatialAxes => Enumerable.Range(DataFormat == "channels_last" ? 1 : 2, Rank).Select(a => (long)a).ToArray();

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var channels = inputShape[DataFormat == "channels_last" ? -1 : 1];
        if (!Keepdims)
        {
            return new Shape(inputShape[0], channels);
        }

        var dims = inputShape.ToArray();
        foreach (var a in SpatialAxes)
        {
            dims[a] = 1;
        }

        return new Shape(dims);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["data_format"] = DataFormat;
        config["keepdims"] = Keepdims;
        return config;
    }
}
