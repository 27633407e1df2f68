using DeepKeras.Callbacks;
using DeepKeras.Metrics;
using static TorchSharp.torch;

namespace DeepKeras.Distribution;

/// <summary>
/// Makes a step's logs those of all processes. Metrics whose state is a sum (<see cref="Metric.SummableState"/>: means,
/// confusion counts) hold the state of every process's samples: after each step the processes add up what the step
/// added to each state, with one all-reduce that also carries the other log values (averaged over the processes that
/// computed real samples). Every process then holds the same metric states and returns the same logs, which is what
/// lets EarlyStopping or ReduceLROnPlateau decide identically everywhere.
/// </summary>
internal static class MetricAllReduce
{
    // Header of the reduced buffer: state length, count of other values, processes with real samples.
    private const int HeaderLength = 3;

    /// <summary>Copies the metrics' states before a step (they already hold all processes' samples of earlier steps).</summary>
    /// <param name="metrics">The model's metrics.</param>
    /// <returns>One flat float64 copy per metric (empty before its first update; null when it is not summable).</returns>
    public static Tensor?[] Capture(IReadOnlyList<Metric> metrics)
    {
        using var noGrad = no_grad();
        return metrics.Select(m => m.SummableState is { } state ? Flatten(state).detach().clone().DetachFromDisposeScope() : null).ToArray();
    }

    /// <summary>Adds up the step's metric updates of all processes and returns the step's logs, identical on every process.</summary>
    /// <param name="metrics">The model's metrics (the same list as in <see cref="Capture"/>).</param>
    /// <param name="before">The states captured before the step; disposed here.</param>
    /// <param name="logs">The logs the step returned (its metric values are read again after the reduction).</param>
    /// <param name="padding">True when this process only padded the step: its updates are discarded.</param>
    /// <param name="communicator">The processes.</param>
    public static Logs Reduce(IReadOnlyList<Metric> metrics, Tensor?[] before, Logs logs, bool padding, ICommunicator communicator)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var states = metrics.Select(m => m.SummableState).ToArray();
        var deltas = new List<Tensor>();
        for (var i = 0; i < metrics.Count; i++)
        {
            if (states[i] is { } state && before[i] is { } start)
            {
                var now = Flatten(state);
                deltas.Add(start.numel() == 0 ? now : now - start);
            }
        }

        var summed = new HashSet<string>(metrics.Where((m, i) => states[i] is not null && before[i] is not null).Select(m => m.Name));
        var local = logs.Copy();
        var others = local.Keys.Where(k => !summed.Contains(k)).ToArray();
        var delta = deltas.Count == 0 ? zeros(0, float64) : cat(deltas.Select(d => d.cpu()).ToArray());
        var weight = padding ? 0.0 : 1.0;
        if (padding)
        {
            delta.zero_();
        }

        var buffer = cat([
            tensor(new double[] { delta.numel(), others.Length, weight }, float64),
            delta,
            tensor(others.Select(k => local[k] * weight).ToArray(), float64),
        ]);
        communicator.AllReduce(buffer, ReduceOp.Sum, "metrics");
        var header = buffer.narrow(0, 0, HeaderLength).data<double>().ToArray();
        if (header[0] != (double)delta.numel() * communicator.Size || header[1] != (double)others.Length * communicator.Size)
        {
            throw new InvalidOperationException(
                $"The processes' metrics differ (this process has {delta.numel()} state values and log entries [{string.Join(", ", others)}]): " +
                "every process must compile the same metrics and return the same logs from its steps.");
        }

        ApplyTotals(states, before, buffer.narrow(0, HeaderLength, delta.numel()));
        var averaged = buffer.narrow(0, HeaderLength + delta.numel(), others.Length).data<double>().ToArray();
        var result = new List<KeyValuePair<string, double>>();
        var byName = metrics.Where((m, i) => states[i] is not null && before[i] is not null).ToDictionary(m => m.Name);
        foreach (var key in local.Keys)
        {
            var index = Array.IndexOf(others, key);
            result.Add(new(key, index >= 0 ? averaged[index] / Math.Max(header[2], 1) : byName[key].Result()));
        }

        foreach (var t in before)
        {
            t?.Dispose();
        }

        return new Logs(result);
    }

    private static void ApplyTotals(IReadOnlyList<Tensor>?[] states, Tensor?[] before, Tensor summedDeltas)
    {
        long offset = 0;
        for (var i = 0; i < states.Length; i++)
        {
            if (states[i] is not { } state || before[i] is not { } start)
            {
                continue;
            }

            var startIndex = 0L;
            foreach (var t in state)
            {
                var n = t.numel();
                var total = summedDeltas.narrow(0, offset, n).to(t.device);
                if (start.numel() > 0)
                {
                    total = total + start.narrow(0, startIndex, n).to(t.device);
                }

                t.copy_(total.view(t.shape));
                offset += n;
                startIndex += n;
            }
        }
    }

    private static Tensor Flatten(IReadOnlyList<Tensor> state) =>
        state.Count == 0 ? zeros(0, float64) : cat(state.Select(t => t.reshape(-1).to(float64)).ToArray());
}
