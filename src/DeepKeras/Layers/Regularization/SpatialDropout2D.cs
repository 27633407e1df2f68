using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Dropout of whole feature maps (Keras <c>keras.layers.SpatialDropout2D</c>): in training each channel of each sample is
/// zeroed with probability <c>rate</c> everywhere at once, and the kept channels are scaled by 1/(1 − rate). Better than
/// <see cref="Dropout"/> after convolutions, whose neighbouring pixels are strongly correlated. Does nothing at inference.
/// </summary>
public class SpatialDropout2D : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="rate">Fraction of channels to drop, in [0, 1).</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="seed">Unused seed kept for Keras signature compatibility; the global seeded generator is used.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1).</exception>
    public SpatialDropout2D(double rate, string? dataFormat = null, int? seed = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        if (rate is < 0 or >= 1 || double.IsNaN(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate,
                $"Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate={rate}");
        }

        Rate = rate;
        DataFormat = ConvArgs.DataFormat(dataFormat);
        Seed = seed;
        InputSpec = new InputSpec { NDim = 4 };
    }

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
        var y = nn.functional.dropout2d(SpatialLayout.ToTorch(inputs, channelsLast), Rate, true);
        return SpatialLayout.FromTorch(y, channelsLast);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <summary>Returns Keras's config of the spatial dropouts, which has no <c>trainable</c> key and a plain <c>dtype</c> name.</summary>
    /// <returns><c>rate</c>, <c>seed</c>, <c>name</c>, <c>dtype</c> and <c>data_format</c>.</returns>
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["rate"] = Rate,
        ["seed"] = Seed,
        ["name"] = Name,
        ["dtype"] = "float32",
        ["data_format"] = DataFormat,
    };
}
