using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The shared base of <see cref="ZeroPadding1D"/>, <see cref="ZeroPadding2D"/> and <see cref="ZeroPadding3D"/>: adds
/// zeros before and after each spatial axis of a channels_last or channels_first tensor.
/// </summary>
public abstract class BaseZeroPadding : BorderLayer
{
    private protected BaseZeroPadding(IReadOnlyList<(int Before, int After)> amounts, string? dataFormat, string? name, bool trainable,
        Shape? inputShape)
        : base(amounts, "padding", dataFormat, name, trainable, inputShape)
    {
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var pads = SpatialLayout.PadList([.. Amounts]);
        return nn.functional.pad(inputs, DataFormat == "channels_last" ? [0, 0, .. pads] : pads);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var first = FirstSpatialAxis;
        for (var i = 0; i < Rank; i++)
        {
            inputShape = inputShape.With(first + i, inputShape[first + i] + Amounts[i].Before + Amounts[i].After);
        }

        return inputShape;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["padding"] = AmountsConfig;
        config["data_format"] = DataFormat;
        return config;
    }
}
