using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>
/// Accumulated true/false positive/negative counts of a threshold metric, kept as float64 tensors on the device of the
/// predictions (created on the first update, moved if the device changes).
/// </summary>
internal sealed class ConfusionState
{
    /// <summary>Gets the true positives, or null before the first update.</summary>
    internal Tensor? Tp { get; private set; }

    /// <summary>Gets the false positives.</summary>
    internal Tensor? Fp { get; private set; }

    /// <summary>Gets the true negatives.</summary>
    internal Tensor? Tn { get; private set; }

    /// <summary>Gets the false negatives.</summary>
    internal Tensor? Fn { get; private set; }

    /// <summary>Gets the four count tensors (empty before the first update).</summary>
    internal IReadOnlyList<Tensor> Tensors => Tp is null ? [] : [Tp, Fp!, Tn!, Fn!];

    /// <summary>Adds one batch's counts.</summary>
    internal void Add((Tensor Tp, Tensor Fp, Tensor Tn, Tensor Fn) counts)
    {
        using var noGrad = no_grad();
        Tp = Accumulate(Tp, counts.Tp);
        Fp = Accumulate(Fp, counts.Fp);
        Tn = Accumulate(Tn, counts.Tn);
        Fn = Accumulate(Fn, counts.Fn);
    }

    /// <summary>Clears the counts.</summary>
    internal void Reset()
    {
        foreach (var t in new[] { Tp, Fp, Tn, Fn })
        {
            t?.Dispose();
        }

        Tp = Fp = Tn = Fn = null;
    }

    private static Tensor Accumulate(Tensor? state, Tensor batch)
    {
        if (state is null)
        {
            return batch.to(float64).clone().DetachFromDisposeScope();
        }

        if (state.device_type != batch.device_type || state.device_index != batch.device_index)
        {
            var moved = state.to(batch.device).DetachFromDisposeScope();
            state.Dispose();
            state = moved;
        }

        if (!state.shape.SequenceEqual(batch.shape))
        {
            throw new ArgumentException(
                $"The number of labels changed between updates: the accumulated counts have shape {(Shape)state.shape}, this batch " +
                $"gives {(Shape)batch.shape}. Call ResetState() before feeding data of another width.");
        }

        return state.add_(batch, ScalarScope.One);
    }
}
