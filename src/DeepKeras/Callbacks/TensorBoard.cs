using System.Diagnostics;
using DeepKeras.Callbacks.Events;
using DeepKeras.Models;
using static TorchSharp.torch;

namespace DeepKeras.Callbacks;

/// <summary>
/// Writes training curves and weight histograms for TensorBoard (Keras <c>keras.callbacks.TensorBoard</c>); view them
/// with <c>tensorboard --logdir logs</c>. Event files go to <c>&lt;logDir&gt;/train/</c> and
/// <c>&lt;logDir&gt;/validation/</c> with Keras's tags and steps:
/// <list type="bullet">
/// <item><c>epoch_loss</c>, <c>epoch_accuracy</c>, … and <c>epoch_learning_rate</c> in <c>train/</c>, the <c>val_</c>
/// values under the same tags in <c>validation/</c>, at step = epoch (0-based);</item>
/// <item><c>evaluation_loss_vs_iterations</c>, … in <c>validation/</c> after each validation or <c>Evaluate</c>, at step
/// = the optimizer's iteration count;</item>
/// <item>with <see cref="UpdateFreq"/> <c>"batch"</c> or N: <c>batch_loss</c>, … in <c>train/</c> every N
/// batches, at step = the batch count since the start of <c>Fit</c> (from 1);</item>
/// <item>with <see cref="HistogramFreq"/> N: a histogram of every weight every N epochs, tagged with the weight's
/// path (<c>sequential/dense/kernel/histogram</c>);</item>
/// <item>with <see cref="WriteGraph"/>: the model's config (<c>keras</c> tag, step 0) for the Graphs tab's
/// conceptual graph, for Sequential and functional models.</item>
/// </list>
/// </summary>
/// <remarks>
/// The files are what TensorFlow 2's <c>tf.summary</c> writes: TFRecords (length, masked CRC-32C, protobuf
/// <c>Event</c>, masked CRC-32C); scalars are float32 "tensor" summaries for the <c>scalars</c> plugin; histograms are
/// float64 tensors of 30 <c>[left, right, count]</c> buckets for the <c>histograms</c> plugin, bucketed as
/// <c>tf.summary.histogram</c> does. One difference from Keras 3.15 on TensorFlow: with an integer
/// <see cref="UpdateFreq"/> Keras also skips the epoch-level values of an epoch whose last batch count is not a
/// multiple of it (its batch-level recording condition is still active); DeepKeras writes them at every epoch.
/// Under data-parallel training only process 0 writes (<see cref="RankZeroOnlyAttribute"/>).
/// </remarks>
/// <example><code>
/// model.Fit(x, y, epochs: 10, validationSplit: 0.1, callbacks: [new TensorBoard("logs", histogramFreq: 1)]);
/// // then: tensorboard --logdir logs
/// </code></example>
[RankZeroOnly]
public sealed class TensorBoard : Callback
{
    private readonly Stopwatch _epochTimer = new();
    private readonly Stopwatch _batchTimer = new();
    private EventFileWriter? _trainWriter;
    private EventFileWriter? _validationWriter;
    private long _globalTrainBatch;
    private long _globalTestBatch;
    private long _epochStartIterations;

    /// <summary>Creates the callback.</summary>
    /// <param name="logDir">The folder of this run's logs (default <c>logs</c>); <c>train/</c> and <c>validation/</c> are created in it. Use it for this callback only.</param>
    /// <param name="histogramFreq">Write weight histograms every this many epochs (0, the default: never).</param>
    /// <param name="writeGraph">Write the model's config for TensorBoard's conceptual graph (default true; Sequential and functional models).</param>
    /// <param name="writeImages">Keras writes weights as images; not supported, must be false.</param>
    /// <param name="writeStepsPerSecond">Also write <c>epoch_steps_per_second</c> (and <c>batch_steps_per_second</c> with batch-level updates).</param>
    /// <param name="updateFreq"><c>"epoch"</c> (default): epoch values only; <c>"batch"</c> or N: also the running batch values every N batches.</param>
    /// <param name="profileBatch">Keras's profiler option; profiling is not available on the TorchSharp backend, so it must be 0.</param>
    /// <exception cref="ArgumentException">An empty <paramref name="logDir"/>, a negative <paramref name="histogramFreq"/>, <paramref name="writeImages"/> or a non-zero <paramref name="profileBatch"/>.</exception>
    public TensorBoard(string logDir = "logs", int histogramFreq = 0, bool writeGraph = true, bool writeImages = false,
        bool writeStepsPerSecond = false, UpdateFrequency updateFreq = default, int profileBatch = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(logDir);
        if (histogramFreq < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(histogramFreq), histogramFreq,
                $"TensorBoard expects a non-negative `histogram_freq` (0 disables histograms). Received: histogram_freq={histogramFreq}");
        }

        if (writeImages)
        {
            throw new ArgumentException(
                "TensorBoard does not support `write_images` in DeepKeras. Received: write_images=True (must be false).", nameof(writeImages));
        }

        if (profileBatch != 0)
        {
            throw new ArgumentException(
                "Profiling is not available with the TorchSharp backend of DeepKeras (as with Keras's torch backend). " +
                $"Received: profile_batch={profileBatch} (must be 0)", nameof(profileBatch));
        }

        LogDir = logDir;
        HistogramFreq = histogramFreq;
        WriteGraph = writeGraph;
        WriteStepsPerSecond = writeStepsPerSecond;
        UpdateFreq = updateFreq;
    }

    /// <summary>Gets the log folder.</summary>
    public string LogDir { get; }

    /// <summary>Gets the histogram interval in epochs (0: none).</summary>
    public int HistogramFreq { get; }

    /// <summary>Gets whether the model's config is written for the graph view.</summary>
    public bool WriteGraph { get; }

    /// <summary>Gets whether steps per second are written.</summary>
    public bool WriteStepsPerSecond { get; }

    /// <summary>Gets how often batch values are written.</summary>
    public UpdateFrequency UpdateFreq { get; }

    private EventFileWriter TrainWriter => _trainWriter ??= new EventFileWriter(Path.Combine(LogDir, "train"));

    private EventFileWriter ValidationWriter => _validationWriter ??= new EventFileWriter(Path.Combine(LogDir, "validation"));

    /// <inheritdoc/>
    public override void SetModel(Model model)
    {
        base.SetModel(model);
        CloseWriters();
        if (WriteGraph && model is Sequential or Functional)
        {
            WriteModelConfig(model);
        }
    }

    /// <inheritdoc/>
    public override void OnTrainBegin(Logs logs)
    {
        _globalTrainBatch = 0;
        _epochStartIterations = 0;
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(Logs logs) => CloseWriters();

    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch, Logs logs)
    {
        if (WriteStepsPerSecond)
        {
            _epochStartIterations = Model?.Optimizer?.Iterations ?? 0;
            _epochTimer.Restart();
        }
    }

    /// <inheritdoc/>
    public override void OnTrainBatchBegin(int batch, Logs logs)
    {
        _globalTrainBatch++;
        if (WriteStepsPerSecond)
        {
            _batchTimer.Restart();
        }
    }

    /// <inheritdoc/>
    public override void OnTrainBatchEnd(int batch, Logs logs)
    {
        if (UpdateFreq.Batches is not { } every || _globalTrainBatch % every != 0)
        {
            return;
        }

        if (WriteStepsPerSecond)
        {
            TrainWriter.Scalar("batch_steps_per_second", 1.0 / _batchTimer.Elapsed.TotalSeconds, _globalTrainBatch);
        }

        foreach (var (name, value) in Sorted(logs))
        {
            TrainWriter.Scalar($"batch_{name}", value, _globalTrainBatch);
        }
    }

    /// <inheritdoc/>
    public override void OnTestBatchBegin(int batch, Logs logs) => _globalTestBatch++;

    /// <inheritdoc/>
    public override void OnTestEnd(Logs logs)
    {
        if (Model?.Optimizer is not { } optimizer)
        {
            return;
        }

        foreach (var (name, value) in Sorted(logs))
        {
            ValidationWriter.Scalar($"evaluation_{name}_vs_iterations", value, optimizer.Iterations);
        }

        ValidationWriter.Flush();
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        WriteEpochValues(epoch, logs);
        if (HistogramFreq > 0 && epoch % HistogramFreq == 0)
        {
            WriteHistograms(epoch);
        }

        _trainWriter?.Flush();
        _validationWriter?.Flush();
    }

    private void WriteEpochValues(int epoch, Logs logs)
    {
        if (logs.Count == 0)
        {
            return;
        }

        var train = Sorted(logs).Where(kv => !kv.Key.StartsWith("val_", StringComparison.Ordinal)).ToList();
        if (Model?.Optimizer is { } optimizer)
        {
            train.Add(new("learning_rate", optimizer.LearningRate));
            if (WriteStepsPerSecond)
            {
                train.Add(new("steps_per_second", (optimizer.Iterations - _epochStartIterations) / _epochTimer.Elapsed.TotalSeconds));
            }
        }

        foreach (var (name, value) in train)
        {
            TrainWriter.Scalar($"epoch_{name}", value, epoch);
        }

        foreach (var (name, value) in Sorted(logs).Where(kv => kv.Key.StartsWith("val_", StringComparison.Ordinal)))
        {
            ValidationWriter.Scalar($"epoch_{name["val_".Length..]}", value, epoch);
        }
    }

    /// <summary>The logs in key order, as Keras hands them to callbacks (its trainer sorts them).</summary>
    private static IEnumerable<KeyValuePair<string, double>> Sorted(Logs logs) => logs.OrderBy(kv => kv.Key, StringComparer.Ordinal);

    private void WriteHistograms(int epoch)
    {
        using var scope = NewDisposeScope();
        foreach (var weight in Model!.Layers.SelectMany(layer => layer.Weights))
        {
            var values = weight.Value.detach().to(float64).cpu().data<double>().ToArray();
            TrainWriter.Histogram($"{weight.Path.Replace(':', '_')}/histogram", values, epoch);
        }
    }

    private void WriteModelConfig(Model model)
    {
        string json;
        try
        {
            json = model.ToJson();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            // As Keras: a model that cannot be serialized must not stop training.
            Console.Error.WriteLine($"UserWarning: Model failed to serialize as JSON. Ignoring... {e.Message}");
            return;
        }

        TrainWriter.Text("keras", json, 0, "graph_keras_model", "1"u8.ToArray());
        TrainWriter.Flush();
    }

    private void CloseWriters()
    {
        _trainWriter?.Dispose();
        _validationWriter?.Dispose();
        _trainWriter = null;
        _validationWriter = null;
    }
}
