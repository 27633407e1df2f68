using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The shared base of <see cref="Cropping1D"/>, <see cref="Cropping2D"/> and <see cref="Cropping3D"/>: removes cells
/// at the start and the end of each spatial axis of a channels_last or channels_first tensor.
/// </summary>
public abstract class BaseCropping : Layer
{
    private readonly (int Before, int After)[] _amounts;

    private protected BaseCropping(IReadOnlyList<(int Before, int After)> amounts, string? dataFormat, string? name, bool trainable,
        Shape? inputShape)
        : base(name, trainable, inputShape)
    {
        _amounts = SpatialAmounts.NonNegative(amounts, "cropping");
        DataFormat = ConvArgs.DataFormat(dataFormat);
        InputSpec = new InputSpec { NDim = Rank + 2 };
    }

    /// <summary>Gets the number of spatial axes.</summary>
    public int Rank => _amounts.Length;

    /// <summary>Gets the data format (<c>channels_last</c> or <c>channels_first</c>).</summary>
    public string DataFormat { get; }

    /// <summary>The (before, after) cells removed from each spatial axis, in axis order.</summary>
    internal IReadOnlyList<(int Before, int After)> Amounts => _amounts;

    /// <summary>The index of the first spatial axis.</summary>
    internal int FirstSpatialAxis => DataFormat == "channels_last" ? 1 : 2;

    /// <inheritdoc/>
    public override void Build(Shape inputShape) => ComputeOutputShape(inputShape);

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var first = FirstSpatialAxis;
        for (var i = 0; i < Rank; i++)
        {
            var (before, after) = _amounts[i];
            inputs = inputs.narrow(first + i, before, inputs.shape[first + i] - before - after);
        }

        return inputs;
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var first = FirstSpatialAxis;
        var output = inputShape;
        for (var i = 0; i < Rank; i++)
        {
            int? length = inputShape[first + i] - _amounts[i].Before - _amounts[i].After;
            if (length is <= 0)
            {
                throw new ArgumentException(
                    $"`cropping` parameter of layer \"{Name}\" ({ClassName}) must be smaller than the input shape. " +
                    $"Received: input_shape={inputShape}, cropping={SpatialAmounts.Format(_amounts)}");
            }

            output = output.With(first + i, length);
        }

        return output;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["cropping"] = SpatialAmounts.Config(_amounts);
        WriteDataFormat(config);
        return config;
    }

    /// <summary>Writes <c>data_format</c> (Keras's Cropping1D has none).</summary>
    private protected virtual void WriteDataFormat(Dictionary<string, object?> config) => config["data_format"] = DataFormat;
}
