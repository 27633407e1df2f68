using System.Globalization;
using DeepKeras.Saving;

namespace DeepKeras.Callbacks;

/// <summary>
/// Backs up the training state so an interrupted <c>Fit</c> can resume where it stopped (Keras
/// <c>keras.callbacks.BackupAndRestore</c>). At every epoch end (or every N batches) it writes
/// <c>latest.weights.h5</c> (weights and optimizer state) and <c>training_metadata.json</c> (the next epoch, and the
/// random generators of torch and of the shuffling, so a resumed run draws the same dropout masks and batch orders).
/// A new <c>Fit</c> with the same callback restores them and starts at that epoch; a completed <c>Fit</c> deletes the
/// backup.
/// </summary>
/// <example><code>
/// var backup = new BackupAndRestore("/tmp/backup");
/// model.Fit(x, y, epochs: 10, callbacks: [backup]);   // interrupted at epoch 4 …
/// model.Fit(x, y, epochs: 10, callbacks: [backup]);   // … runs epochs 5 to 10 only
/// </code></example>
[RankZeroOnly]
public sealed class BackupAndRestore : Callback
{
    private readonly string _weightsPath;
    private readonly string _metadataPath;
    private readonly SaveFrequency.BatchCounter? _batches;
    private int _currentEpoch;

    /// <summary>Creates the callback.</summary>
    /// <param name="backupDir">A folder used only by this callback for its backup files.</param>
    /// <param name="saveFreq"><c>"epoch"</c> or a number of batches.</param>
    /// <param name="doubleCheckpoint">Keep the previous backup too, and fall back to it when the latest cannot be read.</param>
    /// <param name="deleteCheckpoint">Delete the backup folder when <c>Fit</c> completes.</param>
    /// <exception cref="ArgumentException"><paramref name="backupDir"/> is empty.</exception>
    public BackupAndRestore(string backupDir, SaveFrequency saveFreq = default, bool doubleCheckpoint = false, bool deleteCheckpoint = true)
    {
        if (string.IsNullOrEmpty(backupDir))
        {
            throw new ArgumentException("Empty `backup_dir` argument passed", nameof(backupDir));
        }

        BackupDir = backupDir;
        SaveFreq = saveFreq;
        DoubleCheckpoint = doubleCheckpoint;
        DeleteCheckpoint = deleteCheckpoint;
        _weightsPath = Path.Combine(backupDir, "latest.weights.h5");
        _metadataPath = Path.Combine(backupDir, "training_metadata.json");
        _batches = saveFreq.Batches is { } n ? new SaveFrequency.BatchCounter(n) : null;
    }

    /// <summary>Gets the backup folder.</summary>
    public string BackupDir { get; }

    /// <summary>Gets the save frequency.</summary>
    public SaveFrequency SaveFreq { get; }

    /// <summary>Gets whether the previous backup is kept as a fallback.</summary>
    public bool DoubleCheckpoint { get; }

    /// <summary>Gets whether the backup is deleted when training completes.</summary>
    public bool DeleteCheckpoint { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    /// <exception cref="KerasFileException">The backup (and its fallback) cannot be read.</exception>
    public override void OnTrainBegin(Logs logs)
    {
        try
        {
            Restore();
        }
        catch (KerasFileException) when (File.Exists(_weightsPath + ".bkp"))
        {
            File.Copy(_weightsPath + ".bkp", _weightsPath, overwrite: true);
            if (File.Exists(_metadataPath + ".bkp"))
            {
                File.Copy(_metadataPath + ".bkp", _metadataPath, overwrite: true);
            }
            else if (File.Exists(_metadataPath))
            {
                File.Delete(_metadataPath);
            }

            Restore();
        }
    }

    private void Restore()
    {
        var model = Model ?? throw new InvalidOperationException("BackupAndRestore has no model: use it in Fit.");
        if (!model.Built)
        {
            throw new InvalidOperationException(
                "To use the BackupAndRestore callback, your model must be built before you call `Fit()`. " +
                $"Model {model.Name} is unbuilt. You can build it beforehand by calling it on a batch of data.");
        }

        if (File.Exists(_weightsPath))
        {
            if (model.Optimizer is { Built: false } optimizer)
            {
                // Make sure optimizer slots exist before loading.
                optimizer.Build(model.TrainableWeights);
            }

            model.LoadWeights(_weightsPath);
        }

        if (!File.Exists(_metadataPath))
        {
            return;
        }

        try
        {
            var metadata = KerasJson.Parse(File.ReadAllText(_metadataPath)) as Dictionary<string, object?>
                ?? throw new FormatException("expected a JSON object");
            var resume = metadata.GetValueOrDefault("epoch") is long epoch && epoch is >= 0 and <= int.MaxValue
                ? (int)epoch
                : throw new FormatException("expected an integer \"epoch\"");
            if (metadata.GetValueOrDefault("rng") is Dictionary<string, object?> rng)
            {
                var torchState = Convert.FromBase64String(rng.GetValueOrDefault("torch") as string ?? throw new FormatException("missing rng.torch"));
                var shuffle = (rng.GetValueOrDefault("shuffle") as List<object?> ?? throw new FormatException("missing rng.shuffle"))
                    .Select(w => ulong.Parse(w as string ?? throw new FormatException("rng.shuffle holds strings"), CultureInfo.InvariantCulture))
                    .ToArray();
                RandomState.SetState(torchState, shuffle);
            }

            model.ResumeEpoch = resume;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new KerasFileException(_metadataPath, $"invalid training metadata: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, Logs logs) => _currentEpoch = epoch;

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        _currentEpoch = epoch + 1;
        if (SaveFreq.IsEpoch)
        {
            Save(0);
        }
    }

    /// <inheritdoc/>
    public override void OnTrainBatchEnd(int batch, Logs logs)
    {
        if (_batches?.Step(batch) == true)
        {
            Save(batch);
        }
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(Logs logs)
    {
        if (DeleteCheckpoint && Directory.Exists(BackupDir))
        {
            Directory.Delete(BackupDir, recursive: true);
        }
    }

    private void Save(int batch)
    {
        var model = Model ?? throw new InvalidOperationException("BackupAndRestore has no model: use it in Fit.");
        Directory.CreateDirectory(BackupDir);
        if (DoubleCheckpoint && File.Exists(_weightsPath))
        {
            File.Copy(_weightsPath, _weightsPath + ".bkp", overwrite: true);
        }

        if (DoubleCheckpoint && File.Exists(_metadataPath))
        {
            File.Copy(_metadataPath, _metadataPath + ".bkp", overwrite: true);
        }

        model.SaveWeights(_weightsPath, overwrite: true);
        var (torchState, shuffle) = RandomState.GetState();
        var metadata = new Dictionary<string, object?>
        {
            ["epoch"] = (long)_currentEpoch,
            ["batch"] = (long)batch,
            ["rng"] = new Dictionary<string, object?>
            {
                ["torch"] = Convert.ToBase64String(torchState),
                ["shuffle"] = shuffle.Select(w => (object?)w.ToString(CultureInfo.InvariantCulture)).ToList(),
            },
        };
        AtomicFile.Write(_metadataPath, overwrite: true, s => s.Write(System.Text.Encoding.UTF8.GetBytes(KerasJson.Write(metadata))));
    }
}
