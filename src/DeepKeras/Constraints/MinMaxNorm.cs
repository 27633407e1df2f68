using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Constraints;

/// <summary>
/// Moves the L2 norm of each slice along <see cref="NormConstraint.Axis"/> into [<see cref="MinValue"/>,
/// <see cref="MaxValue"/>] (Keras <c>keras.constraints.MinMaxNorm</c>, identifier <c>min_max_norm</c>): the new norm is
/// <c>rate · clip(norm, min, max) + (1 − rate) · norm</c>.
/// </summary>
public sealed class MinMaxNorm : NormConstraint
{
    /// <summary>Creates the constraint.</summary>
    /// <param name="minValue">The smallest norm (default 0).</param>
    /// <param name="maxValue">The largest norm (default 1).</param>
    /// <param name="rate">How strictly it is enforced per step: 1 (default) clips, smaller values move part of the way.</param>
    /// <param name="axis">The axis or axes of the norm (default 0).</param>
    public MinMaxNorm(double minValue = 0.0, double maxValue = 1.0, double rate = 1.0, IntTuple? axis = null)
        : base(axis ?? 0)
    {
        MinValue = minValue;
        MaxValue = maxValue;
        Rate = rate;
    }

    /// <summary>Gets the smallest norm.</summary>
    public double MinValue { get; }

    /// <summary>Gets the largest norm.</summary>
    public double MaxValue { get; }

    /// <summary>Gets the enforcement rate.</summary>
    public double Rate { get; }

    /// <inheritdoc/>
    private protected override Tensor Desired(Tensor norms, ScalarScope s) =>
        norms.clamp(s.Of(MinValue), s.Of(MaxValue)).mul(s.Of(Rate)).add(norms.mul(s.Of(1 - Rate)), ScalarScope.One);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["min_value"] = MinValue,
        ["max_value"] = MaxValue,
        ["rate"] = Rate,
        ["axis"] = AxisConfig(),
    };
}
