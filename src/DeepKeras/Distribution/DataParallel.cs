namespace DeepKeras.Distribution;

/// <summary>
/// Data parallelism (Keras <c>keras.distribution.DataParallel</c>; Horovod's semantics): every process holds the whole
/// model and computes a share of each batch. With it set, <c>Fit</c> on arrays gives every process the same shuffled
/// order (drawn on process 0), splits each batch of <c>batchSize</c> samples (the global batch) among the processes,
/// starts from process 0's weights and optimizer state, and averages the gradients of each step with one fused
/// all-reduce; loss and metric values are summed across processes, so every process's <c>History</c> equals that of one
/// process training on the same global batches. A batch-sequence <c>Fit</c> gives each process every N-th batch (a step
/// then covers N batches). <c>Evaluate</c> splits the batches and reduces the metrics; <c>Predict</c> splits the samples
/// and returns all predictions on every process. Progress output and callbacks marked
/// <see cref="Callbacks.RankZeroOnlyAttribute"/> (ModelCheckpoint, CSVLogger, BackupAndRestore) run on process 0 only.
/// </summary>
/// <remarks>
/// Layers keep per-process state where Keras does: <c>BatchNormalization</c>'s moving statistics follow each process's
/// own batches unless it is created with <c>synchronized: true</c>. Dropout and noise draw from each process's generator.
/// An exception on one process, or a process that stops answering for <see cref="Keras.Distribution.TimeoutVariable"/>
/// seconds, aborts the whole job with that process's message.
/// </remarks>
/// <param name="autoShardDataset">True (default): every process passes the same data and takes its share. False: each
/// process passes its own data; <c>batchSize</c> is then per process.</param>
public sealed class DataParallel(bool autoShardDataset = true) : DistributionStrategy(autoShardDataset)
{
    /// <summary>Gets the number of model replicas: one per process.</summary>
    public override int NumModelReplicas => NumProcesses;
}
