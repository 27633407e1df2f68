using TorchSharp;
namespace DeepKeras.Regularizers;

/// <summary>L1 penalty (Keras <c>keras.regularizers.L1</c>): <c>loss = l1 · Σ|x|</c>.</summary>
public sealed class L1 : Regularizer
{
    /// <summary>Creates the regularizer.</summary>
    /// <param name="l1">Non-negative factor (default 0.01).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="l1"/> is negative or not finite.</exception>
    public L1(double l1 = 0.01) => Factor = ValidateFactor(l1, nameof(l1));

    /// <summary>Gets the L1 factor.</summary>
    public double Factor { get; }

    /// <inheritdoc/>
    public override Tensor Call(Tensor x)
    {
        using var factor = Factor.ToScalar();
        return x.abs().sum().mul(factor);
    }

    /// <summary>Returns <c>{"l1": factor}</c> with the factor rounded to float32, as Keras (which keeps it as a float32 tensor) writes it.</summary>
    /// <returns>The config.</returns>
    public override Dictionary<string, object?> GetConfig() => new() { ["l1"] = (double)(float)Factor };
}
