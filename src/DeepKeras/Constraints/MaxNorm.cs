using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Constraints;

/// <summary>
/// Caps the L2 norm of each slice of the weight along <see cref="NormConstraint.Axis"/> at <see cref="MaxValue"/>
/// (Keras <c>keras.constraints.MaxNorm</c>, identifier <c>max_norm</c>); slices with a smaller norm are (almost) unchanged.
/// </summary>
public sealed class MaxNorm : NormConstraint
{
    /// <summary>Creates the constraint.</summary>
    /// <param name="maxValue">The largest norm allowed (default 2).</param>
    /// <param name="axis">The axis or axes of the norm (default 0; <c>(0, 1, 2)</c> for a Conv2D kernel's filters).</param>
    public MaxNorm(double maxValue = 2, IntTuple? axis = null)
        : base(axis ?? 0) => MaxValue = maxValue;

    /// <summary>Gets the largest norm allowed.</summary>
    public double MaxValue { get; }

    /// <inheritdoc/>
    private protected override Tensor Desired(Tensor norms, ScalarScope s) => norms.clamp(ScalarScope.Zero, s.Of(MaxValue));

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new() { ["max_value"] = MaxValue, ["axis"] = AxisConfig() };
}
