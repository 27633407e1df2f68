using static TorchSharp.torch;

namespace DeepKeras.Distribution;

/// <summary>
/// <c>Predict</c> under <see cref="DataParallel"/>: each process predicts a contiguous part of the samples in batches of
/// <c>batchSize / N</c>, and the parts are gathered so that every process returns all predictions in the original order.
/// </summary>
internal static class PredictSharding
{
    /// <summary>Returns this process's part of the inputs and its batch size (unchanged without a distribution).</summary>
    /// <param name="x">All inputs.</param>
    /// <param name="batchSize">The global batch size.</param>
    /// <param name="steps">The number of global batches to predict, or null for all.</param>
    /// <returns>The inputs to predict here, the batch size, the steps, and the number of real rows (padding excluded).</returns>
    public static (Tensor[] X, int BatchSize, int? Steps, long Rows) Split(Tensor[] x, int batchSize, int? steps)
    {
        var communicator = DataParallelTraining.Communicator;
        if (communicator is null || Keras.Distribution.Current is { AutoShardDataset: false })
        {
            return (x, batchSize, steps, -1);
        }

        var n = steps is { } s ? Math.Min(x[0].shape[0], (long)s * batchSize) : x[0].shape[0];
        var (offset, rows) = ShardedArrayAdapter.Share(n, communicator.Rank, communicator.Size);
        // A process without samples predicts one row that the gather leaves out, so its loop still runs.
        var part = x.Select(t => t.narrow(0, rows == 0 ? 0 : offset, Math.Max(rows, 1))).ToArray();
        return (part, (batchSize + communicator.Size - 1) / communicator.Size, null, rows);
    }

    /// <summary>Gathers every process's predictions (a no-op without a distribution).</summary>
    /// <param name="outputs">This process's predictions, one tensor per output; disposed when gathered.</param>
    /// <param name="rows">The rows returned by <see cref="Split"/>.</param>
    public static Tensor[] Gather(Tensor[] outputs, long rows)
    {
        if (rows < 0 || DataParallelTraining.Communicator is not { } communicator)
        {
            return outputs;
        }

        var gathered = outputs.Select(o =>
        {
            using var mine = o.narrow(0, 0, rows);
            return communicator.AllGather(mine, "predictions").DetachFromDisposeScope();
        }).ToArray();
        foreach (var o in outputs)
        {
            o.Dispose();
        }

        return gathered;
    }
}
