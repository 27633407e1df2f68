using System.Globalization;

namespace DeepKeras.Callbacks;

/// <summary>
/// Saves the model (a <c>.keras</c> file) or its weights (<c>.weights.h5</c>) during training (Keras
/// <c>keras.callbacks.ModelCheckpoint</c>): at every epoch end or every N batches, optionally only when the monitored
/// quantity improves. The path may contain Python-style fields filled from the epoch (1-based), the batch and the
/// logs: <c>"ckpt-{epoch:02d}-{val_loss:.2f}.keras"</c>.
/// </summary>
/// <example><code>
/// var checkpoint = new ModelCheckpoint("best.keras", monitor: "val_accuracy", saveBestOnly: true);
/// model.Fit(x, y, epochs: 10, validationSplit: 0.1, callbacks: [checkpoint]);
/// </code></example>
[RankZeroOnly]
public sealed class ModelCheckpoint : MonitorCallback
{
    private readonly SaveFrequency.BatchCounter? _batches;
    private readonly Func<int, Logs, string>? _filepathFunction;
    private int _currentEpoch;

    /// <summary>Creates the callback.</summary>
    /// <param name="filepath">Where to save; may contain <c>{epoch}</c>, <c>{batch}</c> and log fields with format specs.
    /// Must end with <c>.keras</c> (or <c>.h5</c>, Keras's legacy format), or <c>.weights.h5</c> when <paramref name="saveWeightsOnly"/>.</param>
    /// <param name="monitor">The log key compared by <paramref name="saveBestOnly"/> (default <c>val_loss</c>).</param>
    /// <param name="verbose">0 silent, 1 prints a message at each save.</param>
    /// <param name="saveBestOnly">Save only when <paramref name="monitor"/> improves on the best value so far.</param>
    /// <param name="saveWeightsOnly">Save only the weights (<c>SaveWeights</c>) instead of the whole model.</param>
    /// <param name="mode"><c>auto</c>, <c>min</c> or <c>max</c>: the direction of improvement.</param>
    /// <param name="saveFreq"><c>"epoch"</c> or a number of batches.</param>
    /// <param name="initialValueThreshold">The value the monitored quantity must beat first (with <paramref name="saveBestOnly"/>).</param>
    /// <exception cref="ArgumentException">The extension does not fit the kind of save, or the mode is unknown.</exception>
    public ModelCheckpoint(string filepath, string monitor = "val_loss", int verbose = 0, bool saveBestOnly = false,
        bool saveWeightsOnly = false, string mode = "auto", SaveFrequency saveFreq = default, double? initialValueThreshold = null)
        : this(monitor, verbose, saveBestOnly, saveWeightsOnly, mode, saveFreq, initialValueThreshold)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        CheckExtension(filepath);
        Filepath = filepath;
    }

    /// <summary>Creates the callback with a function that names each file (for names a format template cannot express).</summary>
    /// <param name="filepath">Gets the 1-based epoch and the logs (with <c>batch</c> when saving every N batches) and
    /// returns the path; it must end with <c>.keras</c> (or <c>.h5</c>), or <c>.weights.h5</c> when <paramref name="saveWeightsOnly"/>.</param>
    /// <param name="monitor">The log key compared by <paramref name="saveBestOnly"/> (default <c>val_loss</c>).</param>
    /// <param name="verbose">0 silent, 1 prints a message at each save.</param>
    /// <param name="saveBestOnly">Save only when <paramref name="monitor"/> improves on the best value so far.</param>
    /// <param name="saveWeightsOnly">Save only the weights (<c>SaveWeights</c>) instead of the whole model.</param>
    /// <param name="mode"><c>auto</c>, <c>min</c> or <c>max</c>: the direction of improvement.</param>
    /// <param name="saveFreq"><c>"epoch"</c> or a number of batches.</param>
    /// <param name="initialValueThreshold">The value the monitored quantity must beat first (with <paramref name="saveBestOnly"/>).</param>
    /// <example><code>new ModelCheckpoint((epoch, logs) => $"ckpt-{epoch:000}-{logs["val_loss"]:0.000}.keras")</code></example>
    public ModelCheckpoint(Func<int, Logs, string> filepath, string monitor = "val_loss", int verbose = 0, bool saveBestOnly = false,
        bool saveWeightsOnly = false, string mode = "auto", SaveFrequency saveFreq = default, double? initialValueThreshold = null)
        : this(monitor, verbose, saveBestOnly, saveWeightsOnly, mode, saveFreq, initialValueThreshold)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        _filepathFunction = filepath;
    }

    private ModelCheckpoint(string monitor, int verbose, bool saveBestOnly, bool saveWeightsOnly, string mode, SaveFrequency saveFreq,
        double? initialValueThreshold)
        : base(monitor, mode, 0)
    {
        Verbose = verbose;
        SaveBestOnly = saveBestOnly;
        SaveWeightsOnly = saveWeightsOnly;
        SaveFreq = saveFreq;
        Best = initialValueThreshold;
        _batches = saveFreq.Batches is { } n ? new SaveFrequency.BatchCounter(n) : null;
    }

    /// <summary>Gets the path template, or null when a function names the files.</summary>
    public string? Filepath { get; }

    /// <summary>Gets the verbosity.</summary>
    public int Verbose { get; }

    /// <summary>Gets whether only improvements are saved.</summary>
    public bool SaveBestOnly { get; }

    /// <summary>Gets whether only weights are saved.</summary>
    public bool SaveWeightsOnly { get; }

    /// <summary>Gets the save frequency.</summary>
    public SaveFrequency SaveFreq { get; }

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, Logs logs) => _currentEpoch = epoch;

    /// <inheritdoc/>
    public override void OnTrainBatchEnd(int batch, Logs logs)
    {
        if (_batches?.Step(batch) == true)
        {
            SaveModel(_currentEpoch, batch, logs);
        }
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        if (SaveFreq.IsEpoch)
        {
            SaveModel(epoch, null, logs);
        }
    }

    private void SaveModel(int epoch, int? batch, Logs logs)
    {
        var model = Model ?? throw new InvalidOperationException("ModelCheckpoint has no model: use it in Fit.");
        var path = FilePath(epoch, batch, logs);
        if (!ShouldSave(epoch, logs, path))
        {
            return;
        }

        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        if (Directory.Exists(path))
        {
            throw new IOException($"Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an existing directory: {path}");
        }

        if (SaveWeightsOnly)
        {
            model.SaveWeights(path, overwrite: true);
        }
        else
        {
            model.Save(path, overwrite: true);
        }

        if (Verbose > 0)
        {
            Console.WriteLine($"\nEpoch {epoch + 1}: finished saving model to {path}");
        }
    }

    private bool ShouldSave(int epoch, Logs logs, string path)
    {
        if (!SaveBestOnly)
        {
            if (Verbose > 0)
            {
                Console.WriteLine($"\nEpoch {epoch + 1}: saving model to {path}");
            }

            return true;
        }

        if (!logs.TryGetValue(Monitor, out var current))
        {
            Console.Error.WriteLine($"UserWarning: Can save best model only with {Monitor} available.");
            return true;
        }

        var bestText = Best is { } b ? b.ToString("F5", CultureInfo.InvariantCulture) : "None";
        if (IsImprovement(current, Best))
        {
            if (Verbose > 0)
            {
                Console.WriteLine(
                    $"\nEpoch {epoch + 1}: {Monitor} improved from {bestText} to {current.ToString("F5", CultureInfo.InvariantCulture)}, saving model to {path}");
            }

            Best = current;
            return true;
        }

        if (Verbose > 0)
        {
            Console.WriteLine($"\nEpoch {epoch + 1}: {Monitor} did not improve from {bestText}");
        }

        return false;
    }

    private string FilePath(int epoch, int? batch, Logs logs)
    {
        var values = new Dictionary<string, object>();
        foreach (var (k, v) in logs)
        {
            values[k] = v;
        }

        values["epoch"] = (long)(epoch + 1);
        if (batch is { } b && !logs.ContainsKey("batch"))
        {
            values["batch"] = (long)(b + 1);
        }

        if (_filepathFunction is not null)
        {
            var logsWithBatch = logs.Copy();
            if (batch is { } b1 && !logs.ContainsKey("batch"))
            {
                logsWithBatch["batch"] = b1 + 1;
            }

            var path = _filepathFunction(epoch + 1, logsWithBatch);
            CheckExtension(path);
            return path;
        }

        try
        {
            return PythonStringFormat.Format(Filepath!, values);
        }
        catch (KeyNotFoundException e)
        {
            throw new KeyNotFoundException($"Failed to format this callback filepath: \"{Filepath}\". Reason: {e.Message}", e);
        }
    }

    private void CheckExtension(string filepath)
    {
        if (SaveWeightsOnly && !filepath.EndsWith(".weights.h5", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "When using `save_weights_only=True` in `ModelCheckpoint`, the filepath provided must end in `.weights.h5` " +
                $"(Keras weights format). Received: filepath={filepath}", nameof(filepath));
        }

        // Keras also takes a legacy `.h5` model file (saved with Keras's warning).
        if (!SaveWeightsOnly && !filepath.EndsWith(".keras", StringComparison.Ordinal) && !filepath.EndsWith(".h5", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The filepath provided must end in `.keras` (Keras model format). Received: filepath={filepath}", nameof(filepath));
        }
    }
}
