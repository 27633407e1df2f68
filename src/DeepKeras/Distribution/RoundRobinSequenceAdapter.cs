using DeepKeras.Training;

namespace DeepKeras.Distribution;

/// <summary>
/// A batch sequence (or a <see cref="Utils.PyDataset"/>, a <c>DataLoader</c>) read in turns: of every N consecutive batches
/// (N processes), process i converts and computes only the i-th, so a step covers N of the sequence's batches. When the
/// sequence ends in the middle of a turn, the processes without a batch pad the last step with the turn's first batch
/// and a zero weight.
/// </summary>
/// <param name="data">The sequence, enumerated identically by every process.</param>
/// <param name="communicator">The processes.</param>
internal sealed class RoundRobinSequenceAdapter(SequenceDataAdapter data, ICommunicator communicator) : DataAdapter
{
    /// <inheritdoc/>
    public override int? Steps => data.Steps is { } s ? (s + communicator.Size - 1) / communicator.Size : null;

    /// <inheritdoc/>
    public override IEnumerable<Batch> Epoch(bool shuffle)
    {
        using var e = data.Items(shuffle).GetEnumerator();
        while (true)
        {
            Func<Batch>? own = null, first = null;
            for (var k = 0; k < communicator.Size && e.MoveNext(); k++)
            {
                // A source that frees a batch when it moves on: keep a copy of the batches this process may still use.
                var item = data.ItemsExpireOnMoveNext && (k == 0 || k == communicator.Rank) ? Kept(e.Current()) : e.Current;
                first ??= item;
                if (k == communicator.Rank)
                {
                    own = item;
                }
            }

            var batch = own?.Invoke();
            if (batch is not null && data.ItemsExpireOnMoveNext && first is not null && !ReferenceEquals(first, own))
            {
                Release(first());
            }

            var (processes, samples) = StepAgreement.CountBatches(communicator, batch?.Size ?? 0);
            if (processes == 0)
            {
                yield break;
            }

            if (batch is not null)
            {
                yield return BatchShare.Attach(batch, new BatchShare(batch.Size, samples));
                continue;
            }

            var padding = first is { } f ? f() : throw new InvalidOperationException(
                $"The batch sequence ended on process {communicator.Rank} before it did on other processes. Under DataParallel every " +
                "process must enumerate the same sequence; give each process its own data with `new DataParallel(autoShardDataset: false)`.");
            yield return BatchShare.Attach(padding, new BatchShare(0, samples));
        }
    }

    // The batch with every tensor its own (copies of the source's), returned by the closure; the conversion's own
    // temporaries are freed.
    private static Func<Batch> Kept(Batch converted)
    {
        var kept = Build(() => new Batch(
            [.. converted.X.Select(t => t.clone())],
            converted.Y is null ? null : [.. converted.Y.Select(t => t.clone())],
            converted.SampleWeight?.clone()));
        Release(converted);
        return () => kept;
    }

    private static void Release(Batch batch)
    {
        foreach (var t in batch.Owned)
        {
            t.Dispose();
        }
    }
}
