using static TorchSharp.torch;

namespace DeepKeras.Layers;

public abstract partial class RnnBase
{
    /// <summary>Gets whether the fused libtorch kernel computes exactly this layer's formula (activations, GRU variant).</summary>
    private protected abstract bool CanFuse { get; }

    /// <summary>Gets the bias added to the input projection (all of it, or GRU's input row); null without bias.</summary>
    private protected virtual Tensor? InputBias => Bias?.Value;

    /// <summary>Runs the fused kernel over the whole sequence.</summary>
    /// <param name="x">The (already dropped-out) input <c>(batch, time, features)</c>.</param>
    /// <param name="states">The initial states.</param>
    /// <returns>The output sequence and the final states.</returns>
    private protected abstract (Tensor Sequence, Tensor[] States) RunFused(Tensor x, Tensor[] states);

    /// <summary>One time step of the cell.</summary>
    /// <param name="projected">The input projection of this step, <c>(batch, gates·units)</c>, input bias included.</param>
    /// <param name="states">The previous states.</param>
    /// <param name="recurrentMasks">Recurrent dropout masks, one per gate <c>(gates, batch, units)</c>, or null.</param>
    /// <returns>The new states; the first is also the step's output.</returns>
    private protected abstract Tensor[] Step(Tensor projected, Tensor[] states, Tensor? recurrentMasks);

    /// <inheritdoc/>
    protected override Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training)
    {
        var x = inputs[0].is_floating_point() ? inputs[0] : inputs[0].to_type(ScalarType.Float32);
        CheckSequence(x);

        var states = InitialStates(inputs, x);
        if (GoBackwards)
        {
            x = x.flip(1);
            mask = mask?.flip(1);
        }

        if (mask is not null)
        {
            mask = mask.to_type(ScalarType.Bool);
            if (mask.all().item<bool>())
            {
                mask = null;
            }
        }

        // Keras: with recurrent dropout the cell uses one mask per gate (implementation 1), else one input mask.
        var maskCount = RecurrentDropout > 0 ? GateCount : 1;
        var inputMasks = training && Dropout > 0 ? DropoutMasks(maskCount, x.shape[0], x.shape[2], Dropout, x.device) : null;
        var recurrentMasks = training && RecurrentDropout > 0 ? DropoutMasks(maskCount, x.shape[0], Units, RecurrentDropout, x.device) : null;

        Tensor? sequence;
        Tensor last;
        Tensor[] final;
        if (mask is null && recurrentMasks is null && CanFuse)
        {
            (sequence, final) = RunFused(inputMasks is null ? x : x * inputMasks[0].unsqueeze(1), states);
            last = final[0];
        }
        else
        {
            (sequence, last, final) = RunLoop(x, states, mask, inputMasks, recurrentMasks);
        }

        if (Stateful)
        {
            KeepStates(final);
        }

        var output = ReturnSequences ? sequence! : last;
        return ReturnState ? [output, .. final] : [output];
    }

    private (Tensor? Sequence, Tensor Last, Tensor[] States) RunLoop(
        Tensor x, Tensor[] states, Tensor? mask, Tensor? inputMasks, Tensor? recurrentMasks)
    {
        var steps = ProjectInputs(x, inputMasks).unbind(1);
        var maskSteps = mask?.unbind(1);
        var outputs = ReturnSequences ? new List<Tensor>(steps.Length) : null;
        Tensor? previous = null;
        for (var t = 0; t < steps.Length; t++)
        {
            var next = Step(steps[t], states, recurrentMasks);
            var output = next[0];
            if (maskSteps is not null)
            {
                var m = maskSteps[t].unsqueeze(1);
                previous ??= zeros_like(output);
                output = where(m, output, ZeroOutputForMask ? zeros_like(output) : previous);
                for (var i = 0; i < next.Length; i++)
                {
                    next[i] = where(m, next[i], states[i]);
                }
            }

            states = next;
            previous = output;
            outputs?.Add(output);
        }

        return (outputs is null ? null : stack(outputs, 1), previous!, states);
    }

    /// <summary>The input projection of every step at once: <c>x · kernel + input bias</c>, with per-gate dropout masks if given.</summary>
    private Tensor ProjectInputs(Tensor x, Tensor? inputMasks)
    {
        var kernel = Kernel!.Value;
        Tensor projected;
        if (inputMasks is null || inputMasks.shape[0] == 1)
        {
            projected = matmul(inputMasks is null ? x : x * inputMasks[0].unsqueeze(1), kernel);
        }
        else
        {
            long gates = GateCount, b = x.shape[0], t = x.shape[1], f = x.shape[2];
            var perGate = (x.unsqueeze(0) * inputMasks.unsqueeze(2)).view(gates, b * t, f);
            projected = matmul(perGate, kernel.view(f, gates, Units).permute(1, 0, 2))
                .view(gates, b, t, Units).permute(1, 2, 0, 3).reshape(b, t, gates * Units);
        }

        return InputBias is { } bias ? projected.add_(bias) : projected;
    }

    /// <summary>
    /// <c>h · recurrentKernel</c> for the gate blocks of <paramref name="kernel"/>; with dropout masks, each block sees
    /// its own dropped-out copy of <paramref name="h"/>.
    /// </summary>
    /// <param name="h">The previous state <c>(batch, units)</c>.</param>
    /// <param name="kernel">Recurrent weights of n gate blocks <c>(units, n·units)</c>.</param>
    /// <param name="masks">n masks <c>(n, batch, units)</c>, or null.</param>
    private protected Tensor RecurrentProject(Tensor h, Tensor kernel, Tensor? masks)
    {
        if (masks is null)
        {
            return matmul(h, kernel);
        }

        var n = masks.shape[0];
        var perGate = bmm(h.unsqueeze(0) * masks, kernel.reshape(Units, n, Units).permute(1, 0, 2));
        return perGate.permute(1, 0, 2).reshape(h.shape[0], n * Units);
    }

    private void CheckSequence(Tensor x)
    {
        var prefix = $"Input 0 of layer \"{Name}\" is incompatible with the layer: ";
        if (x.dim() != 3)
        {
            throw new ArgumentException($"{prefix}expected ndim=3, found ndim={x.dim()}. Full shape received: {(Shape)x.shape}");
        }

        if (x.shape[2] != Kernel!.Value.shape[0])
        {
            throw new ArgumentException(
                $"{prefix}expected axis -1 of input shape to have value {Kernel.Value.shape[0]}, but received input with shape {(Shape)x.shape}");
        }

        if (x.shape[1] == 0)
        {
            throw new ArgumentException($"Layer \"{Name}\" ({ClassName}) received a sequence with 0 time steps. Received: shape={(Shape)x.shape}");
        }
    }

    private static Tensor DropoutMasks(long count, long batch, long features, double rate, TorchSharp.torch.Device device) =>
        nn.functional.dropout(ones(count, batch, features, device: device), rate, true);

    private Tensor[] InitialStates(IReadOnlyList<Tensor> inputs, Tensor x)
    {
        var batch = x.shape[0];
        if (inputs.Count > 1)
        {
            if (inputs.Count - 1 != StateCount)
            {
                throw new ArgumentException(
                    $"Layer \"{Name}\" ({ClassName}) expects {StateCount} initial state tensor(s) after the sequence, but it received {inputs.Count - 1}.");
            }

            var given = inputs.Skip(1).ToArray();
            foreach (var s in given)
            {
                if (s.dim() != 2 || s.shape[0] != batch || s.shape[1] != Units)
                {
                    throw new ArgumentException(
                        $"An initial state of layer \"{Name}\" ({ClassName}) must have shape ({batch}, {Units}). Received: shape={(Shape)s.shape}");
                }
            }

            return given;
        }

        if (!Stateful)
        {
            return Enumerable.Range(0, StateCount).Select(_ => zeros(batch, Units, dtype: x.dtype, device: x.device)).ToArray();
        }

        if (_states is null)
        {
            _states = Enumerable.Range(0, StateCount)
                .Select(_ => zeros(batch, Units, dtype: x.dtype, device: x.device).DetachFromDisposeScope()).ToArray();
        }
        else if (_states[0].shape[0] != batch)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" is stateful and holds states for batches of {_states[0].shape[0]} samples, but it received a batch of {batch}. " +
                "A stateful RNN needs the same batch size in every call: give `Input` a `batchSize` and feed a number of samples that is a multiple of it, or call ResetStates() to start over.");
        }

        return _states;
    }

    private void KeepStates(Tensor[] final)
    {
        var old = _states;
        _states = final.Select(s => s.detach().DetachFromDisposeScope()).ToArray();
        foreach (var s in old ?? [])
        {
            s.Dispose();
        }
    }
}
