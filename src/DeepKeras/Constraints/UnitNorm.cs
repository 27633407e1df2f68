using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Constraints;

/// <summary>
/// Scales each slice of the weight along <see cref="NormConstraint.Axis"/> to L2 norm 1 (Keras
/// <c>keras.constraints.UnitNorm</c>, identifier <c>unit_norm</c>).
/// </summary>
public sealed class UnitNorm : NormConstraint
{
    /// <summary>Creates the constraint.</summary>
    /// <param name="axis">The axis or axes of the norm (default 0).</param>
    public UnitNorm(IntTuple? axis = null)
        : base(axis ?? 0)
    {
    }

    /// <inheritdoc/>
    private protected override Tensor Desired(Tensor norms, ScalarScope s) => ones_like(norms);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new() { ["axis"] = AxisConfig() };
}
