using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Distribution;

/// <summary>
/// In-memory arrays split per step: every process walks the same global batches (in one random order, drawn on process
/// 0 and broadcast) and keeps its contiguous share of each, so <c>batchSize</c> stays the global batch. A process whose
/// share of a small last batch is empty pads the step with the whole batch and a zero weight.
/// </summary>
/// <param name="data">The whole data, the same on every process.</param>
/// <param name="communicator">The processes.</param>
internal sealed class ShardedArrayAdapter(ArrayDataAdapter data, ICommunicator communicator) : DataAdapter
{
    /// <inheritdoc/>
    public override int? Steps => data.Steps;

    /// <summary>Returns the samples of a batch of <paramref name="size"/> that process <paramref name="rank"/> computes.</summary>
    /// <param name="size">The global batch's samples.</param>
    /// <param name="rank">The process.</param>
    /// <param name="processes">The number of processes.</param>
    public static (long Offset, long Count) Share(long size, int rank, int processes)
    {
        var start = size * rank / processes;
        return (start, (size * (rank + 1) / processes) - start);
    }

    /// <inheritdoc/>
    public override IEnumerable<Batch> Epoch(bool shuffle)
    {
        var order = data.Order(shuffle) is { } mine ? StepAgreement.SameOrder(communicator, mine, "samples") : null;

        for (long start = 0; start < data.Count; start += data.BatchSize)
        {
            var size = Math.Min(data.BatchSize, data.Count - start);
            var (offset, count) = Share(size, communicator.Rank, communicator.Size);
            yield return count == 0
                ? BatchShare.Attach(data.Slice(order, start, size), new BatchShare(0, size))
                : BatchShare.Attach(data.Slice(order, start + offset, count), new BatchShare(count, size));
        }
    }
}
