using static TorchSharp.torch;

namespace DeepKeras.Distribution;

/// <summary>Small agreements the processes reach once per step so that they call the same collectives.</summary>
internal static class StepAgreement
{
    /// <summary>Sums, over the processes, whether each has a batch for the next step and how many samples.</summary>
    /// <param name="communicator">The processes.</param>
    /// <param name="localSamples">This process's samples in its next batch; 0 when it has none.</param>
    /// <returns>How many processes have a batch, and all their samples.</returns>
    public static (long Processes, long Samples) CountBatches(ICommunicator communicator, long localSamples)
    {
        using var counts = tensor(new long[] { localSamples > 0 ? 1 : 0, localSamples });
        communicator.AllReduce(counts, ReduceOp.Sum, "the next step's batch sizes");
        var values = counts.data<long>().ToArray();
        return (values[0], values[1]);
    }

    /// <summary>Returns true on every process when any process asks to stop.</summary>
    /// <param name="communicator">The processes.</param>
    /// <param name="stop">This process's wish.</param>
    public static bool AnyStops(ICommunicator communicator, bool stop)
    {
        using var flag = tensor(new long[] { stop ? 1 : 0 });
        communicator.AllReduce(flag, ReduceOp.Max, "the decision to stop training");
        return flag.data<long>()[0] != 0;
    }

    /// <summary>Returns process 0's <paramref name="order"/> on every process (a shuffled order all must follow).</summary>
    /// <param name="communicator">The processes.</param>
    /// <param name="order">This process's order; only process 0's counts.</param>
    /// <param name="what">What is ordered, for error messages.</param>
    public static long[] SameOrder(ICommunicator communicator, long[] order, string what)
    {
        using var shared = tensor(order);
        communicator.Broadcast(shared, 0, $"the shuffled order of the {what}");
        return shared.data<long>().ToArray();
    }
}
