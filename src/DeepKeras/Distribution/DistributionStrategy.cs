namespace DeepKeras.Distribution;

/// <summary>
/// Base of the ways to spread training over processes (Keras <c>keras.distribution.Distribution</c>); set one with
/// <see cref="Keras.Distribution.SetDistribution"/> or <see cref="Scope"/>. See <see cref="DataParallel"/>.
/// </summary>
public abstract class DistributionStrategy
{
    /// <summary>Joins the MPI launch, if any (<see cref="Keras.Distribution.Initialize"/>).</summary>
    /// <param name="autoShardDataset">Whether <c>Fit</c> splits the data given to every process among them.</param>
    protected DistributionStrategy(bool autoShardDataset)
    {
        Keras.Distribution.Initialize();
        AutoShardDataset = autoShardDataset;
    }

    /// <summary>Gets the number of processes in the job (Keras <c>num_processes</c>).</summary>
    public int NumProcesses => Keras.Distribution.NumProcesses;

    /// <summary>Gets this process's id.</summary>
    public int ProcessId => Keras.Distribution.ProcessId;

    /// <summary>Gets the number of copies of the model that train together (Keras <c>num_model_replicas</c>).</summary>
    public abstract int NumModelReplicas { get; }

    /// <summary>
    /// Gets or sets whether every process is given the whole data and takes its own share of it (true, the default), or
    /// is given its own part already (false: each process passes different data, and a batch size per process).
    /// </summary>
    public bool AutoShardDataset { get; set; }

    /// <summary>
    /// Makes this distribution current until the result is disposed, then restores the previous one (Keras
    /// <c>with distribution.scope():</c>).
    /// </summary>
    /// <example><code>
    /// using (new DataParallel().Scope())
    /// {
    ///     model.Fit(x, y, batchSize: 256);
    /// }
    /// </code></example>
    public IDisposable Scope()
    {
        var previous = Keras.Distribution.Current;
        Keras.Distribution.SetDistribution(this);
        return new Restore(previous);
    }

    /// <inheritdoc/>
    public override string ToString() => $"<{GetType().Name} num_processes={NumProcesses}, process_id={ProcessId}>";

    private sealed class Restore(DistributionStrategy? previous) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (!_done)
            {
                _done = true;
                Keras.Distribution.SetDistribution(previous);
            }
        }
    }
}
