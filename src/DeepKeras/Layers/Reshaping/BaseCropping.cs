using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The shared base of <see cref="Cropping1D"/>, <see cref="Cropping2D"/> and <see cref="Cropping3D"/>: removes cells
/// at the start and the end of each spatial axis of a channels_last or channels_first tensor.
/// </summary>
public abstract class BaseCropping : BorderLayer
{
    private protected BaseCropping(IReadOnlyList<(int Before, int After)> amounts, string? dataFormat, string? name, bool trainable,
        Shape? inputShape)
        : base(amounts, "cropping", dataFormat, name, trainable, inputShape)
    {
    }

    /// <inheritdoc/>
    public override void Build(Shape inputShape) => ComputeOutputShape(inputShape);

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var first = FirstSpatialAxis;
        for (var i = 0; i < Rank; i++)
        {
            var (before, after) = Amounts[i];
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
            int? length = inputShape[first + i] - Amounts[i].Before - Amounts[i].After;
            if (length is <= 0)
            {
                throw new ArgumentException(
                    $"`cropping` parameter of layer \"{Name}\" ({ClassName}) must be smaller than the input shape. " +
                    $"Received: input_shape={inputShape}, cropping={AmountsText}");
            }

            output = output.With(first + i, length);
        }

        return output;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["cropping"] = AmountsConfig;
        WriteDataFormat(config);
        return config;
    }

    /// <summary>Writes <c>data_format</c> (Keras's Cropping1D has none).</summary>
    private protected virtual void WriteDataFormat(Dictionary<string, object?> config) => config["data_format"] = DataFormat;
}
