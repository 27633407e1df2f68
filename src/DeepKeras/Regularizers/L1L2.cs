using static TorchSharp.torch;

namespace DeepKeras.Regularizers;

/// <summary>
/// L1 and L2 penalties together (Keras <c>keras.regularizers.L1L2</c>): <c>loss = l1 · Σ|x| + l2 · Σx²</c>.
/// The constructor defaults are 0 (as in Keras); the name <c>"l1_l2"</c> gives l1 = l2 = 0.01.
/// </summary>
public sealed class L1L2 : Regularizer
{
    /// <summary>Creates the regularizer.</summary>
    /// <param name="l1">Non-negative L1 factor (default 0).</param>
    /// <param name="l2">Non-negative L2 factor (default 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A factor is negative or not finite.</exception>
    public L1L2(double l1 = 0.0, double l2 = 0.0)
    {
        L1 = ValidateFactor(l1, nameof(l1));
        L2 = ValidateFactor(l2, nameof(l2));
    }

    /// <summary>Gets the L1 factor.</summary>
    public double L1 { get; }

    /// <summary>Gets the L2 factor.</summary>
    public double L2 { get; }

    /// <inheritdoc/>
    public override Tensor Call(Tensor x)
    {
        using var s = new ScalarScope();
        var penalty = zeros([], dtype: x.dtype, device: x.device);
        if (L1 != 0)
        {
            penalty = penalty.add(x.abs().sum().mul(s.Of(L1)), ScalarScope.One);
        }

        if (L2 != 0)
        {
            penalty = penalty.add((x * x).sum().mul(s.Of(L2)), ScalarScope.One);
        }

        return penalty;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new() { ["l1"] = L1, ["l2"] = L2 };
}
