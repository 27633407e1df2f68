using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Constraints;

/// <summary>
/// What <see cref="MaxNorm"/>, <see cref="MinMaxNorm"/> and <see cref="UnitNorm"/> share: the L2 norm of the weight
/// over <see cref="Axis"/> (kept as size-1 axes) and the rescaling <c>w · desired(norm) / (ε + norm)</c>, ε = 1e-7 as
/// Keras's <c>backend.epsilon()</c>.
/// </summary>
public abstract class NormConstraint : Constraint
{
    private const double Epsilon = 1e-7;

    /// <summary>Stores the axes.</summary>
    /// <param name="axis">The axis or axes the norms are taken over (negative counts from the end).</param>
    private protected NormConstraint(IntTuple axis)
    {
        if (axis.Values.Count == 0)
        {
            throw new ArgumentException($"Invalid value for argument axis: expected an integer or a list of integers. Received: axis={axis}", nameof(axis));
        }

        Axis = [.. axis.Values];
    }

    /// <summary>
    /// Gets the axes the norms are taken over: 0 for a Dense kernel <c>(input_dim, units)</c> (one norm per unit), or
    /// <c>(0, 1, 2)</c> for a Conv2D kernel <c>(rows, cols, in, out)</c> (one norm per filter).
    /// </summary>
    public int[] Axis { get; }

    /// <inheritdoc/>
    public sealed override Tensor Call(Tensor w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var axes = Axis.Select(a => (long)(a < 0 ? a + w.dim() : a)).ToArray();
        if (axes.Any(a => a < 0 || a >= w.dim()))
        {
            throw new ArgumentException(
                $"{ClassName}: axis {AxisConfig()} is out of range for a weight of rank {w.dim()} (shape {(Shape)w.shape}).", nameof(w));
        }

        using var s = new ScalarScope();
        var norms = (w * w).sum(axes, keepdim: true).sqrt();
        return w * (Desired(norms, s) / norms.add(s.Of(Epsilon), ScalarScope.One));
    }

    /// <summary>The norm each slice should have, given its current norm.</summary>
    /// <param name="norms">The current norms (size-1 along <see cref="Axis"/>).</param>
    /// <param name="s">The scope that frees the scalars of the computation.</param>
    private protected abstract Tensor Desired(Tensor norms, ScalarScope s);

    /// <summary>The axis as Keras writes it in a config: an integer, or a list for several axes.</summary>
    private protected object AxisConfig() => Axis.Length == 1 ? Axis[0] : Axis.ToList();
}
