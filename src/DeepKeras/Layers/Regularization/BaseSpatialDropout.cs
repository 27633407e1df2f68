using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The shared base of <see cref="SpatialDropout1D"/>, <see cref="SpatialDropout2D"/> and <see cref="SpatialDropout3D"/>
/// (Keras <c>BaseSpatialDropout</c>): in training each channel of each sample is zeroed with probability <c>rate</c>
/// along all its spatial cells at once, and the kept channels are scaled by 1/(1 − rate). Identity at inference.
/// </summary>
public abstract class BaseSpatialDropout : Layer
{
    private protected BaseSpatialDropout(int rank, double rate, string? dataFormat, int? seed, string? name, bool trainable, Shape? inputShape)
        : base(name, trainable, inputShape)
    {
        Rank = rank;
        Rate = DropoutRate.Check(rate);
        DataFormat = ConvArgs.DataFormat(dataFormat);
        Seed = seed;
        InputSpec = new InputSpec { NDim = rank + 2 };
    }

    /// <summary>Gets the number of spatial axes.</summary>
    public int Rank { get; }

    /// <summary>Gets the drop rate.</summary>
    public double Rate { get; }

    /// <summary>Gets the data format.</summary>
    public string DataFormat { get; }

    /// <summary>Gets the seed given at construction.</summary>
    public int? Seed { get; }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        if (!training || Rate == 0)
        {
            return inputs.alias();
        }

        var channelsLast = DataFormat == "channels_last";
        var x = SpatialLayout.ToTorch(inputs, channelsLast);
        var y = Rank switch
        {
            1 => nn.functional.dropout1d(x, Rate, true),
            2 => nn.functional.dropout2d(x, Rate, true),
            _ => nn.functional.dropout3d(x, Rate, true),
        };
        return SpatialLayout.FromTorch(y, channelsLast);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <summary>Returns Keras's config of the spatial dropouts, which has no <c>trainable</c> key and a plain <c>dtype</c> name.</summary>
    /// <returns><c>rate</c>, <c>seed</c>, <c>name</c>, <c>dtype</c> and (2-D and 3-D) <c>data_format</c>.</returns>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = new Dictionary<string, object?> { ["rate"] = Rate, ["seed"] = Seed, ["name"] = Name, ["dtype"] = "float32" };
        if (Rank > 1)
        {
            config["data_format"] = DataFormat;
        }

        return config;
    }
}
