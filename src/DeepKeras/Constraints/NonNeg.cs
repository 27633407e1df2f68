using static TorchSharp.torch;

namespace DeepKeras.Constraints;

/// <summary>Sets the negative entries of the weight to zero (Keras <c>keras.constraints.NonNeg</c>, identifier <c>non_neg</c>).</summary>
public sealed class NonNeg : Constraint
{
    /// <inheritdoc/>
    public override Tensor Call(Tensor w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return w.clamp_min(ScalarScope.Zero);
    }
}
