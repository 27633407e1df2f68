using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The shared base of <see cref="UpSampling1D"/>, <see cref="UpSampling2D"/> and <see cref="UpSampling3D"/>: enlarges
/// each spatial axis by an integer factor, repeating every cell (nearest neighbour).
/// </summary>
public abstract class BaseUpSampling : Layer
{
    private protected BaseUpSampling(int rank, IntTuple size, string? dataFormat, string? name, bool trainable, Shape? inputShape)
        : base(name, trainable, inputShape)
    {
        Size = size.Standardize(rank, "size");
        DataFormat = ConvArgs.DataFormat(dataFormat);
        InputSpec = new InputSpec { NDim = rank + 2 };
    }

    /// <summary>Gets the factor of each spatial axis.</summary>
    public int[] Size { get; }

    /// <summary>Gets the data format (<c>channels_last</c> or <c>channels_first</c>).</summary>
    public string DataFormat { get; }

    /// <summary>Gets whether the channel axis is last.</summary>
    private protected bool ChannelsLast => DataFormat == "channels_last";

    /// <summary>The index of the first spatial axis.</summary>
    internal int FirstSpatialAxis => ChannelsLast ? 1 : 2;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var first = FirstSpatialAxis;
        for (var i = 0; i < Size.Length; i++)
        {
            inputs = inputs.repeat_interleave(Size[i], first + i);
        }

        return inputs;
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var first = FirstSpatialAxis;
        for (var i = 0; i < Size.Length; i++)
        {
            inputShape = inputShape.With(first + i, inputShape[first + i] * Size[i]);
        }

        return inputShape;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["size"] = Serialize(Size);
        config["data_format"] = DataFormat;
        return config;
    }
}
