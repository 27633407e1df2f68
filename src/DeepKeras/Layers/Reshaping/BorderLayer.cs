using DeepKeras.Engine;

namespace DeepKeras.Layers;

/// <summary>
/// The shared base of the zero-padding (<see cref="BaseZeroPadding"/>) and cropping (<see cref="BaseCropping"/>) layers:
/// a (before, after) amount of cells per spatial axis of a channels_last or channels_first tensor, with Keras's checks,
/// message text and config value of these amounts.
/// </summary>
public abstract class BorderLayer : Layer
{
    private readonly (int Before, int After)[] _amounts;

    private protected BorderLayer(IReadOnlyList<(int Before, int After)> amounts, string argName, string? dataFormat, string? name,
        bool trainable, Shape? inputShape)
        : base(name, trainable, inputShape)
    {
        _amounts = amounts.ToArray();
        if (_amounts.Any(a => a.Before < 0 || a.After < 0))
        {
            throw new ArgumentOutOfRangeException(argName, AmountsText,
                $"`{argName}` should contain non-negative integers. Received: {argName}={AmountsText}");
        }

        DataFormat = ConvArgs.DataFormat(dataFormat);
        InputSpec = new InputSpec { NDim = Rank + 2 };
    }

    /// <summary>Gets the number of spatial axes.</summary>
    public int Rank => _amounts.Length;

    /// <summary>Gets the data format (<c>channels_last</c> or <c>channels_first</c>).</summary>
    public string DataFormat { get; }

    /// <summary>The (before, after) cells of each spatial axis, in axis order.</summary>
    internal IReadOnlyList<(int Before, int After)> Amounts => _amounts;

    /// <summary>The index of the first spatial axis.</summary>
    internal int FirstSpatialAxis => DataFormat == "channels_last" ? 1 : 2;

    /// <summary>Python's text of the amounts: <c>(1, 2)</c> for one axis, <c>((1, 2), (3, 4))</c> for several.</summary>
    private protected string AmountsText => Rank == 1
        ? $"({_amounts[0].Before}, {_amounts[0].After})"
        : "(" + string.Join(", ", _amounts.Select(a => $"({a.Before}, {a.After})")) + ")";

    /// <summary>Keras's config value of the amounts: <c>[before, after]</c> for one axis, <c>[[b, a], …]</c> for several.</summary>
    private protected object AmountsConfig => Rank == 1
        ? new[] { _amounts[0].Before, _amounts[0].After }
        : _amounts.Select(a => new[] { a.Before, a.After }).ToArray();
}
