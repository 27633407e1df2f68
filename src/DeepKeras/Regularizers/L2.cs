using TorchSharp;
namespace DeepKeras.Regularizers;

/// <summary>L2 penalty (Keras <c>keras.regularizers.L2</c>): <c>loss = l2 · Σx²</c> (no ½ factor).</summary>
public sealed class L2 : Regularizer
{
    /// <summary>Creates the regularizer.</summary>
    /// <param name="l2">Non-negative factor (default 0.01).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="l2"/> is negative or not finite.</exception>
    public L2(double l2 = 0.01) => Factor = ValidateFactor(l2, nameof(l2));

    /// <summary>Gets the L2 factor.</summary>
    public double Factor { get; }

    /// <inheritdoc/>
    public override Tensor Call(Tensor x)
    {
        using var factor = Factor.ToScalar();
        return (x * x).sum().mul(factor);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new() { ["l2"] = Factor };
}
