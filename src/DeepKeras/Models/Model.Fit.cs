using DeepKeras.Callbacks;
using DeepKeras.Distribution;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Models;

public partial class Model
{
    /// <summary>
    /// Trains the model (Keras <c>fit</c>). Every batch runs in its own dispose scope; training mode is on for
    /// training steps and off for validation.
    /// </summary>
    /// <param name="x">Inputs: <c>NDArray</c>, <c>Tensor</c> or .NET array; an array of these for several inputs.</param>
    /// <param name="y">Targets (null for models whose <see cref="TrainStep"/> needs none).</param>
    /// <param name="batchSize">Samples per step (default 32).</param>
    /// <param name="epochs">Index of the last epoch (training stops after epoch <c>epochs</c>, counting from <paramref name="initialEpoch"/>).</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0 silent, 1 progress bar (redraws only on a terminal), 2 one line per epoch.</param>
    /// <param name="callbacks">Callbacks; History and the progress logger are added automatically.</param>
    /// <param name="validationSplit">Fraction (0–1) of the data, taken from the END before shuffling, kept for validation.</param>
    /// <param name="validationData">(x, y) to validate on at each epoch end; overrides <paramref name="validationSplit"/>.</param>
    /// <param name="shuffle">Shuffle the training data before each epoch.</param>
    /// <param name="classWeight">Class index → weight, multiplied into the loss of training samples.</param>
    /// <param name="sampleWeight">One weight per training sample.</param>
    /// <param name="initialEpoch">Epoch to start at (to resume training).</param>
    /// <param name="stepsPerEpoch">Batches per epoch (default: the whole data).</param>
    /// <param name="validationBatchSize">Batch size for validation (default <paramref name="batchSize"/>).</param>
    /// <param name="validationFreq">Validate every N epochs.</param>
    /// <param name="cancellationToken">Stops training after the current batch when cancelled.</param>
    /// <returns>The <see cref="History"/> of epoch results.</returns>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="ArgumentException">Bad data: empty, lengths differ, NaN/Inf values, wrong shapes.</exception>
    public History Fit(ArrayLike? x = null, ArrayLike? y = null, int? batchSize = null, int epochs = 1, Verbosity verbose = default,
        IEnumerable<Callback>? callbacks = null, double validationSplit = 0, (ArrayLike X, ArrayLike Y)? validationData = null,
        bool shuffle = true, IReadOnlyDictionary<int, double>? classWeight = null, ArrayLike? sampleWeight = null,
        int initialEpoch = 0, int? stepsPerEpoch = null, int? validationBatchSize = null, int validationFreq = 1,
        CancellationToken cancellationToken = default)
    {
        EnsureCompiled("fit");
        ArgumentNullException.ThrowIfNull(x);
        CheckFitArguments(batchSize, epochs, validationSplit, validationFreq);
        var bs = batchSize ?? 32;
        var (xs, ys, sw) = PrepareArrays(x, y, sampleWeight);
        if (classWeight is not null)
        {
            sw = ClassWeightsToSampleWeights(classWeight, ys, sw);
        }

        DataAdapter? validation = null;
        if (validationData is { } vd)
        {
            var (vx, vy, _) = PrepareArrays(vd.X, vd.Y, null, "validation_data");
            validation = DataParallelTraining.Shard(new ArrayDataAdapter(vx, vy, null, validationBatchSize ?? bs));
        }
        else if (validationSplit > 0)
        {
            var n = xs[0].shape[0];
            var splitAt = (long)Math.Floor(n * (1.0 - validationSplit));
            if (splitAt <= 0 || splitAt >= n)
            {
                throw new ArgumentException(
                    $"`validation_split`={validationSplit} leaves no training or no validation samples out of {n}.", nameof(validationSplit));
            }

            validation = DataParallelTraining.Shard(new ArrayDataAdapter(
                xs.Select(t => t.narrow(0, splitAt, n - splitAt)).ToArray(),
                ys?.Select(t => t.narrow(0, splitAt, n - splitAt)).ToArray(), null, validationBatchSize ?? bs));
            xs = xs.Select(t => t.narrow(0, 0, splitAt)).ToArray();
            ys = ys?.Select(t => t.narrow(0, 0, splitAt)).ToArray();
            sw = sw?.narrow(0, 0, splitAt);
        }

        var train = DataParallelTraining.Shard(new ArrayDataAdapter(xs, ys, sw, bs));
        return DataParallelTraining.Guard(() => FitCore(train, epochs, verbose.Level, callbacks, validation, shuffle, initialEpoch, stepsPerEpoch,
            validationFreq, cancellationToken), "Fit");
    }

    /// <summary>
    /// Trains on a sequence of (x, y) batches, for data that does not fit in memory. The sequence is enumerated
    /// once per epoch.
    /// </summary>
    /// <param name="batches">The batches; enumerated again at every epoch.</param>
    /// <param name="epochs">Number of epochs.</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0, 1 or 2.</param>
    /// <param name="callbacks">Callbacks.</param>
    /// <param name="validationData">Validation batches, or null.</param>
    /// <param name="stepsPerEpoch">Batches per epoch (needed for a progress bar with a target).</param>
    /// <param name="initialEpoch">Epoch to start at.</param>
    /// <param name="cancellationToken">Stops training when cancelled.</param>
    public History Fit(IEnumerable<(ArrayLike X, ArrayLike? Y)> batches, int epochs = 1, Verbosity verbose = default,
        IEnumerable<Callback>? callbacks = null, IEnumerable<(ArrayLike X, ArrayLike? Y)>? validationData = null,
        int? stepsPerEpoch = null, int initialEpoch = 0, CancellationToken cancellationToken = default)
    {
        EnsureCompiled("fit");
        CheckFitArguments(32, epochs, 0, 1);
        var train = DataParallelTraining.Shard(new EnumerableDataAdapter(InOrder(batches), stepsPerEpoch));
        var validation = validationData is null ? null : DataParallelTraining.Shard(new EnumerableDataAdapter(InOrder(validationData), null));
        return DataParallelTraining.Guard(() => FitCore(train, epochs, verbose.Level, callbacks, validation, false, initialEpoch, train.Steps, 1,
            cancellationToken), "Fit");
    }

    private History FitCore(DataAdapter train, int epochs, int verbose, IEnumerable<Callback>? callbacks, DataAdapter? validation,
        bool shuffle, int initialEpoch, int? stepsPerEpoch, int validationFreq, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var steps = stepsPerEpoch ?? train.Steps;
        var cbs = new CallbackList(callbacks, this, addHistory: true, addProgbar: verbose != 0, verbose, epochs, steps);
        StopTraining = false;
        Logs epochLogs = new();
        cbs.TrainBegin(new Logs());
        DataParallelTraining.AfterTrainBegin(this);
        if (ResumeEpoch is { } resume)
        {
            // Set by BackupAndRestore in OnTrainBegin (Keras model._initial_epoch).
            initialEpoch = resume;
            ResumeEpoch = null;
        }

        for (var epoch = initialEpoch; epoch < epochs; epoch++)
        {
            ResetMetrics();
            cbs.EpochBegin(epoch, new Logs());
            Logs? last = null;
            var step = 0;
            using (var e = train.Epoch(shuffle).GetEnumerator())
            {
                while (!DataParallelTraining.AgreeStop(StopTraining || cancellationToken.IsCancellationRequested) && (stepsPerEpoch is null || step < stepsPerEpoch))
                {
                    // Advanced outside the step's scope: a user's sequence may keep what it allocates; the batch tensors
                    // the adapter made are freed with the step.
                    if (!e.MoveNext())
                    {
                        break;
                    }

                    using var scope = DataAdapter.StepScope(e.Current);

                    cbs.TrainBatchBegin(step, new Logs());
                    last = DataParallelTraining.Step(this, e.Current, TrainStep);
                    cbs.TrainBatchEnd(step, last);
                    step++;
                }
            }

            if (step == 0)
            {
                throw new ArgumentException("The training data produced no batches. Expected at least one (x, y) batch per epoch.");
            }

            epochLogs = last!.Copy();
            if (validation is not null && (epoch + 1 - initialEpoch) % validationFreq == 0 && !DataParallelTraining.AgreeStop(cancellationToken.IsCancellationRequested))
            {
                var valLogs = RunEvaluation(validation, cbs, null);
                foreach (var (k, v) in valLogs)
                {
                    epochLogs[$"val_{k}"] = v;
                }
            }

            cbs.EpochEnd(epoch, epochLogs);
            if (DataParallelTraining.AgreeStop(StopTraining || cancellationToken.IsCancellationRequested))
            {
                break;
            }
        }

        cbs.TrainEnd(epochLogs);
        return cbs.History!;
    }

    /// <summary>Runs one pass of test steps over <paramref name="data"/> and returns the final metric values.</summary>
    private Logs RunEvaluation(DataAdapter data, CallbackList cbs, int? steps)
    {
        ThrowIfDisposed();
        ResetMetrics();
        cbs.TestBegin(new Logs());
        Logs? last = null;
        var step = 0;
        using (var noGrad = no_grad())
        using (var e = data.Epoch(false).GetEnumerator())
        {
            while (steps is null || step < steps)
            {
                // Advanced outside the step's scope: a user's sequence may keep what it allocates; the batch tensors
                // the adapter made are freed with the step.
                if (!e.MoveNext())
                {
                    break;
                }

                using var scope = DataAdapter.StepScope(e.Current);

                cbs.TestBatchBegin(step, new Logs());
                last = DataParallelTraining.Step(this, e.Current, TestStep);
                cbs.TestBatchEnd(step, last);
                step++;
            }
        }

        var result = last?.Copy() ?? new Logs();
        cbs.TestEnd(result);
        return result;
    }

    private static void CheckFitArguments(int? batchSize, int epochs, double validationSplit, int validationFreq)
    {
        if (batchSize is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Expected a positive `batch_size`.");
        }

        if (epochs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "Expected `epochs` >= 0.");
        }

        if (validationSplit is < 0 or >= 1 || double.IsNaN(validationSplit))
        {
            throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit, "Expected `validation_split` in [0, 1).");
        }

        if (validationFreq <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(validationFreq), validationFreq, "Expected a positive `validation_freq`.");
        }
    }

    /// <summary>Converts and validates x, y and sample weights (lengths, emptiness, NaN/Inf, input count).</summary>
    private (Tensor[] X, Tensor[]? Y, Tensor? SampleWeight) PrepareArrays(ArrayLike x, ArrayLike? y, ArrayLike? sampleWeight, string prefix = "")
    {
        var (xName, yName) = prefix == "" ? ("x", "y") : ($"{prefix}.x", $"{prefix}.y");
        var xs = DataPrep.PrepareX(InputsInOrder(x, xName).ToTensors(xName), "x");
        var ys = TargetsInOrder(y, yName) is { } yInOrder ? DataPrep.PrepareY(yInOrder.ToTensors(yName)) : null;
        if (sampleWeight?.ByName is not null)
        {
            throw new ArgumentException("`sample_weight` must be one array of per-sample weights; per-output dictionaries are not supported.", nameof(sampleWeight));
        }

        var sw = sampleWeight?.ToTensors("sample_weight")[0].to(float32);
        if (xs.Length != InputCount)
        {
            throw new ArgumentException($"Model \"{Name}\" expects {InputCount} input array(s), but received {xs.Length}.", nameof(x));
        }

        DataPrep.CheckLengths(xs, ys, sw);
        DataPrep.CheckFinite(xs, ys, sw);
        return (xs, ys, sw);
    }

    private static Tensor ClassWeightsToSampleWeights(IReadOnlyDictionary<int, double> classWeight, Tensor[]? ys, Tensor? sw)
    {
        if (ys is not { Length: 1 })
        {
            throw new ArgumentException("`class_weight` needs exactly one target array `y`.", nameof(classWeight));
        }

        var y = ys[0];
        var labels = y.is_floating_point() && y.dim() > 1 && y.shape[^1] > 1 ? y.argmax(-1) : y.reshape(y.shape[0], -1)[.., 0].to(int64);
        var maxLabel = labels.max().item<long>();
        var table = new float[maxLabel + 1];
        for (var i = 0; i <= maxLabel; i++)
        {
            table[i] = classWeight.TryGetValue(i, out var w) ? (float)w : 1f;
        }

        var weights = tensor(table).index_select(0, labels);
        return sw is null ? weights : sw * weights;
    }
}
