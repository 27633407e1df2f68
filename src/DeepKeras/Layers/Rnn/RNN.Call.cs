using static TorchSharp.torch;

namespace DeepKeras.Layers;

public partial class RNN
{
    /// <inheritdoc/>
    protected override Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training)
    {
        var x = inputs[0].is_floating_point() ? inputs[0] : inputs[0].to_type(ScalarType.Float32);
        CheckInputShape(x.shape);
        if (x.shape[1] == 0)
        {
            throw new ArgumentException($"Layer \"{Name}\" ({ClassName}) received a sequence with 0 time steps. Received: shape={(Shape)x.shape}");
        }

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

        // The cells keep one dropout mask for all the steps of this call (Keras's DropoutRNNCell), never longer.
        Cell.ResetDropoutMasks();
        (Tensor[]? Sequences, Tensor[] Last, Tensor[] States) result;
        try
        {
            result = RunSequence(x, states, mask, training);
        }
        finally
        {
            Cell.ResetDropoutMasks();
        }

        if (Stateful)
        {
            KeepStates(result.States);
        }

        var output = ReturnSequences ? result.Sequences! : result.Last;
        return ReturnState ? [.. output, .. result.States] : output;
    }

    /// <summary>Runs the cell over the (already reversed, for <see cref="GoBackwards"/>) sequence.</summary>
    /// <param name="x">The input <c>(batch, time, features…)</c>.</param>
    /// <param name="states">The initial states.</param>
    /// <param name="mask">The boolean mask <c>(batch, time)</c>, or null when no step is masked.</param>
    /// <param name="training">True for training behaviour (dropout).</param>
    /// <returns>The output sequences (null without <see cref="ReturnSequences"/>), the last outputs and the final states.</returns>
    private protected virtual (Tensor[]? Sequences, Tensor[] Last, Tensor[] States) RunSequence(
        Tensor x, Tensor[] states, Tensor? mask, bool training)
    {
        if (Cell is DenseRNNCell dense)
        {
            // The input projections of all steps at once: one matrix product instead of one per step.
            var projected = dense.ProjectInputs(x, training).unbind(1);
            return RunLoop(projected.Length, states, mask, (t, s) =>
            {
                var next = dense.StepProjected(projected[t], s, training);
                return new RNNCellResult([next[0]], next);
            });
        }

        var steps = x.unbind(1);
        return RunLoop(steps.Length, states, mask, (t, s) => Cell.CallStep(steps[t], s, training));
    }

    /// <summary>
    /// The step loop of Keras's torch backend (<c>backend.rnn</c>): at a masked step the states keep their previous values
    /// and the output repeats the previous output (zeros before the first step, or always zeros with
    /// <see cref="ZeroOutputForMask"/>).
    /// </summary>
    private (Tensor[]? Sequences, Tensor[] Last, Tensor[] States) RunLoop(
        int steps, Tensor[] states, Tensor? mask, Func<int, Tensor[], RNNCellResult> step)
    {
        var maskSteps = mask?.unbind(1);
        List<Tensor>[]? sequences = null;
        Tensor[]? previous = null;
        for (var t = 0; t < steps; t++)
        {
            var result = step(t, states);
            var outputs = result.Outputs.ToArray();
            var next = result.States.ToArray();
            if (next.Length != states.Length)
            {
                throw new InvalidOperationException(
                    $"Cell \"{Cell.Name}\" ({Cell.ClassName}) of layer \"{Name}\" returned {next.Length} state tensor(s), but its state_size {StateSize} has {states.Length}.");
            }

            if (maskSteps is not null)
            {
                var m = maskSteps[t];
                previous ??= outputs.Select(o => zeros_like(o)).ToArray();
                for (var i = 0; i < outputs.Length; i++)
                {
                    outputs[i] = where(PerSample(m, outputs[i]), outputs[i], ZeroOutputForMask ? zeros_like(outputs[i]) : previous[i]);
                }

                for (var i = 0; i < next.Length; i++)
                {
                    next[i] = where(PerSample(m, next[i]), next[i], states[i]);
                }
            }

            states = next;
            previous = outputs;
            if (ReturnSequences)
            {
                sequences ??= outputs.Select(_ => new List<Tensor>(steps)).ToArray();
                for (var i = 0; i < outputs.Length; i++)
                {
                    sequences[i].Add(outputs[i]);
                }
            }
        }

        return (sequences?.Select(s => stack(s, 1)).ToArray(), previous!, states);
    }

    /// <summary>The step mask <c>(batch,)</c> shaped to broadcast over a tensor <c>(batch, …)</c>.</summary>
    private static Tensor PerSample(Tensor mask, Tensor like) =>
        like.dim() == 2 ? mask.unsqueeze(1) : mask.reshape([mask.shape[0], .. Enumerable.Repeat(1L, (int)like.dim() - 1)]);

    private Tensor[] InitialStates(IReadOnlyList<Tensor> inputs, Tensor x)
    {
        var batch = x.shape[0];
        var leaves = StateSize.Flatten();
        if (inputs.Count > 1)
        {
            if (inputs.Count - 1 != leaves.Count)
            {
                throw new ArgumentException(
                    $"Layer \"{Name}\" ({ClassName}) expects {leaves.Count} initial state tensor(s) after the sequence, but it received {inputs.Count - 1}.");
            }

            var given = inputs.Skip(1).ToArray();
            for (var i = 0; i < given.Length; i++)
            {
                long[] expected = [batch, .. leaves[i].ToLongArray()];
                if (!given[i].shape.SequenceEqual(expected))
                {
                    throw new ArgumentException(
                        $"An initial state of layer \"{Name}\" ({ClassName}) must have shape {(Shape)expected}. Received: shape={(Shape)given[i].shape}");
                }
            }

            return given;
        }

        if (!Stateful)
        {
            return FromCell(Cell.GetInitialState(batch), x);
        }

        _states ??= NewStates(Cell.GetInitialState(batch), x);
        if (_states[0].shape[0] != batch)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" is stateful and holds states for batches of {_states[0].shape[0]} samples, but it received a batch of {batch}. " +
                "A stateful RNN needs the same batch size in every call: give `Input` a `batchSize` and feed a number of samples that is a multiple of it.");
        }

        return _states;
    }

    /// <summary>Checks the cell's initial states and puts them on the input's device and dtype.</summary>
    private Tensor[] FromCell(IReadOnlyList<Tensor> states, Tensor? like)
    {
        var expected = StateSize.Flatten().Count;
        if (states.Count != expected)
        {
            throw new InvalidOperationException(
                $"GetInitialState of cell \"{Cell.Name}\" ({Cell.ClassName}) returned {states.Count} tensor(s), but its state_size {StateSize} has {expected}.");
        }

        return like is null
            ? [.. states]
            : states.Select(s => s.device == like.device && s.dtype == like.dtype ? s : s.to(like.dtype, like.device)).ToArray();
    }

    /// <summary>States kept by a stateful layer: detached from autograd and from any dispose scope.</summary>
    private Tensor[] NewStates(IReadOnlyList<Tensor> states, Tensor? like) =>
        FromCell(states, like).Select(s => s.detach().DetachFromDisposeScope()).ToArray();

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
