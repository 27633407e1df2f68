using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The shared base of <see cref="ZeroPadding1D"/>, <see cref="ZeroPadding2D"/> and <see cref="ZeroPadding3D"/>: adds
/// zeros before and after each spatial axis of a channels_last or channels_first tensor.
/// </summary>
public abstract class BaseZeroPadding : Layer
{
    private readonly (int Before, int After)[] _amounts;

    private protected BaseZeroPadding(IReadOnlyList<(int Before, int After)> amounts, string? dataFormat, string? name, bool trainable,
        Shape? inputShape)
        : base(name, trainable, inputShape)
    {
        _amounts = SpatialAmounts.NonNegative(amounts, "padding");
        DataFormat = ConvArgs.DataFormat(dataFormat);
        InputSpec = new InputSpec { NDim = Rank + 2 };
    }

    /// <summary>Gets the number of spatial axes.</summary>
    public int Rank => _amounts.Length;

    /// <summary>Gets the data format (<c>channels_last</c> or <c>channels_first</c>).</summary>
    public string DataFormat { get; }

    /// <summary>The (before, after) zeros of each spatial axis, in axis order.</summary>
    internal IReadOnlyList<(int Before, int After)> Amounts => _amounts;

    /// <summary>The index of the first spatial axis.</summary>
    internal int FirstSpatialAxis => DataFormat == "channels_last" ? 1 : 2;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var pads = SpatialLayout.PadList([.. _amounts.Select(a => (a.Before, a.After))]);
        return nn.functional.pad(inputs, DataFormat == "channels_last" ? [0, 0, .. pads] : pads);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var first = FirstSpatialAxis;
        for (var i = 0; i < Rank; i++)
        {
            inputShape = inputShape.With(first + i, inputShape[first + i] + _amounts[i].Before + _amounts[i].After);
        }

        return inputShape;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["padding"] = SpatialAmounts.Config(_amounts);
        config["data_format"] = DataFormat;
        return config;
    }
}
