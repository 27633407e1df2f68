using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Distribution;

/// <summary>
/// Each process's own data (<c>DataParallel(autoShardDataset: false)</c>): the processes agree before every step on
/// whether any of them still has a batch; a process that has run out pads the remaining steps with a copy of its last
/// batch and a zero weight, so that its copies of the collectives still match the others'.
/// </summary>
/// <param name="data">This process's data.</param>
/// <param name="communicator">The processes.</param>
internal sealed class ReplicaLocalAdapter(DataAdapter data, ICommunicator communicator) : DataAdapter
{
    /// <inheritdoc/>
    public override int? Steps => data.Steps;

    /// <inheritdoc/>
    public override IEnumerable<Batch> Epoch(bool shuffle)
    {
        Batch? last = null;
        try
        {
            using var e = data.Epoch(shuffle).GetEnumerator();
            var more = true;
            while (true)
            {
                more = more && e.MoveNext();
                var batch = more ? e.Current : null;
                var (processes, samples) = StepAgreement.CountBatches(communicator, batch?.Size ?? 0);
                if (processes == 0)
                {
                    yield break;
                }

                if (batch is not null)
                {
                    Release(last);
                    last = Keep(batch);
                    yield return BatchShare.Attach(batch, new BatchShare(batch.Size, samples));
                    continue;
                }

                var padding = last is null ? throw new InvalidOperationException(
                    $"Process {communicator.Rank} has no data while other processes do. With autoShardDataset: false every process " +
                    "must pass at least one batch of its own data.") : Build(() => Copy(last, keep: false));
                yield return BatchShare.Attach(padding, new BatchShare(0, samples));
            }
        }
        finally
        {
            Release(last);
        }
    }

    private static Batch Keep(Batch batch) => Copy(batch, keep: true);

    private static Batch Copy(Batch batch, bool keep)
    {
        Tensor Clone(Tensor t) => keep ? t.detach().clone().DetachFromDisposeScope() : t.clone();
        return new Batch(batch.X.Select(Clone).ToArray(), batch.Y?.Select(Clone).ToArray(), batch.SampleWeight is { } w ? Clone(w) : null);
    }

    private static void Release(Batch? batch)
    {
        if (batch is null)
        {
            return;
        }

        foreach (var t in batch.X.Concat(batch.Y ?? []).Append(batch.SampleWeight).OfType<Tensor>())
        {
            t.Dispose();
        }
    }
}
