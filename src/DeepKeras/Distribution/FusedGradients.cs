using System.Runtime.CompilerServices;
using DeepKeras.Optimizers;
using static TorchSharp.torch;

namespace DeepKeras.Distribution;

/// <summary>
/// One flat buffer holding the gradients of an optimizer's variables, so a step sums them across processes with one
/// all-reduce (sent in 64 MB buckets by the communicator) instead of one call per weight. After the gradients come one
/// flag per variable (1 where this process has a gradient), so a variable none of the processes computed a gradient
/// for stays without one, as in single-process training. The optimizer receives views of the reduced buffer.
/// </summary>
internal sealed class FusedGradients
{
    private static readonly ConditionalWeakTable<Optimizer, FusedGradients> Cache = new();

    private readonly Variable[] _variables;
    private readonly long[] _offsets;
    private readonly long _total;
    private readonly Tensor _buffer;
    private readonly float[] _flags;

    private FusedGradients(IReadOnlyList<Variable> variables)
    {
        _variables = [.. variables];
        _offsets = new long[_variables.Length];
        long offset = 0;
        for (var i = 0; i < _variables.Length; i++)
        {
            _offsets[i] = offset;
            offset += _variables[i].Count;
        }

        _total = offset;
        _flags = new float[_variables.Length];
        _buffer = zeros(_total + _variables.Length, float32, _variables[0].Value.device).DetachFromDisposeScope();
    }

    /// <summary>Sums the weighted gradients of all processes; every process gets the same result.</summary>
    /// <param name="optimizer">The optimizer that applies them (its buffer is reused while the variables stay the same).</param>
    /// <param name="gradients">This process's gradients, one per variable (null where there is none).</param>
    /// <param name="variables">The variables.</param>
    /// <param name="scale">This process's weight: its share of the global batch, or 1 when the loss was scaled already.</param>
    /// <param name="communicator">The processes.</param>
    /// <returns>The summed gradients, null where no process had one.</returns>
    public static IReadOnlyList<Tensor?> AllReduce(Optimizer optimizer, IReadOnlyList<Tensor?> gradients, IReadOnlyList<Variable> variables,
        double scale, ICommunicator communicator)
    {
        if (!Cache.TryGetValue(optimizer, out var fused) || !fused.Matches(variables))
        {
            fused = new FusedGradients(variables);
            Cache.AddOrUpdate(optimizer, fused);
        }

        return fused.Reduce(gradients, scale, communicator);
    }

    private bool Matches(IReadOnlyList<Variable> variables)
    {
        if (variables.Count != _variables.Length || variables[0].Value.device_type != _buffer.device_type ||
            variables[0].Value.device_index != _buffer.device_index)
        {
            return false;
        }

        for (var i = 0; i < _variables.Length; i++)
        {
            if (!ReferenceEquals(variables[i], _variables[i]))
            {
                return false;
            }
        }

        return true;
    }

    private Tensor?[] Reduce(IReadOnlyList<Tensor?> gradients, double scale, ICommunicator communicator)
    {
        using var noGrad = no_grad();
        for (var i = 0; i < _variables.Length; i++)
        {
            using var slot = _buffer.narrow(0, _offsets[i], _variables[i].Count);
            if (gradients[i] is { } g)
            {
                slot.copy_(g.reshape(-1));
                _flags[i] = 1;
            }
            else
            {
                slot.zero_();
                _flags[i] = 0;
            }
        }

        using (var grads = _buffer.narrow(0, 0, _total))
        {
            if (scale != 1)
            {
                grads.mul_(scale);
            }
        }

        using (var flags = _buffer.narrow(0, _total, _flags.Length))
        using (var values = tensor(_flags))
        {
            flags.copy_(values);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        communicator.AllReduce(_buffer, ReduceOp.Sum, "gradients");
        AllReduceStatistics.Record(started);
        float[] present;
        using (var flags = _buffer.narrow(0, _total, _flags.Length).cpu())
        {
            present = flags.data<float>().ToArray();
        }

        var result = new Tensor?[_variables.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = present[i] > 0 ? _buffer.narrow(0, _offsets[i], _variables[i].Count).view(_variables[i].Value.shape) : null;
        }

        return result;
    }
}
