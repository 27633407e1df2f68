using DeepKeras.Callbacks;
using DeepKeras.Distribution;
using DeepKeras.Training;

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
    /// <param name="validationSteps">Batches per validation (default: the whole validation data).</param>
    /// <param name="validationBatchSize">Batch size for validation (default <paramref name="batchSize"/>).</param>
    /// <param name="validationFreq">Validate every N epochs.</param>
    /// <param name="cancellationToken">Stops training after the current batch when cancelled.</param>
    /// <returns>The <see cref="History"/> of epoch results.</returns>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    /// <exception cref="ArgumentException">Bad data: empty, lengths differ, NaN/Inf values, wrong shapes.</exception>
    public History Fit(ArrayLike? x = null, ArrayLike? y = null, int? batchSize = null, int epochs = 1, Verbosity verbose = default,
        IEnumerable<Callback>? callbacks = null, double validationSplit = 0, (ArrayLike X, ArrayLike Y)? validationData = null,
        bool shuffle = true, IReadOnlyDictionary<int, double>? classWeight = null, ArrayLike? sampleWeight = null,
        int initialEpoch = 0, int? stepsPerEpoch = null, int? validationSteps = null, int? validationBatchSize = null, int validationFreq = 1,
        CancellationToken cancellationToken = default)
    {
        EnsureCompiled("fit");
        ArgumentNullException.ThrowIfNull(x);
        CheckFitArguments(batchSize, epochs, validationSplit, validationFreq);
        CheckSteps(stepsPerEpoch, nameof(stepsPerEpoch));
        CheckSteps(validationSteps, nameof(validationSteps));
        var bs = batchSize ?? 32;
        using var converted = new ConvertedData();
        var (xs, ys, sw) = PrepareArrays(converted, x, y, sampleWeight);
        if (classWeight is not null)
        {
            sw = ClassWeights.ToSampleWeights(classWeight, ys, sw);
            converted.Made([sw]);
        }

        DataAdapter? validation = null;
        if (validationData is { } vd)
        {
            var (vx, vy, _) = PrepareArrays(converted, vd.X, vd.Y, null, "validation_data");
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

            var vx = xs.Select(t => StringHandles.Derive(t, t.narrow(0, splitAt, n - splitAt))).ToArray();
            var vy = ys?.Select(t => t.narrow(0, splitAt, n - splitAt)).ToArray();
            converted.Made([.. vx, .. vy ?? []]);
            validation = DataParallelTraining.Shard(new ArrayDataAdapter(vx, vy, null, validationBatchSize ?? bs));
            xs = xs.Select(t => StringHandles.Derive(t, t.narrow(0, 0, splitAt))).ToArray();
            ys = ys?.Select(t => t.narrow(0, 0, splitAt)).ToArray();
            sw = sw?.narrow(0, 0, splitAt);
            converted.Made([.. xs, .. ys ?? [], sw]);
        }

        var train = DataParallelTraining.Shard(new ArrayDataAdapter(xs, ys, sw, bs));
        return DataParallelTraining.Guard(() => FitCore(new EpochIterator(train, stepsPerEpoch), epochs, verbose.Level, callbacks,
            validation is null ? null : new EpochIterator(validation, validationSteps), shuffle, initialEpoch, validationFreq, cancellationToken), "Fit");
    }

    /// <summary>
    /// Trains on a sequence of (x, y) batches, for data that does not fit in memory. The sequence is enumerated
    /// once per epoch; when its length is not given, the progress bar counts the batches of the first epoch
    /// (<c>51/Unknown</c>) and shows <c>51/51</c> from then on, as Keras does.
    /// </summary>
    /// <param name="batches">The batches; enumerated again at every epoch.</param>
    /// <param name="epochs">Number of epochs.</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0, 1 or 2.</param>
    /// <param name="callbacks">Callbacks.</param>
    /// <param name="validationData">Validation batches, or null.</param>
    /// <param name="stepsPerEpoch">Batches per epoch: the sequence's length, or fewer (default: until the sequence ends).</param>
    /// <param name="initialEpoch">Epoch to start at.</param>
    /// <param name="cancellationToken">Stops training when cancelled.</param>
    /// <param name="validationSteps">Batches per validation (default: until the validation sequence ends).</param>
    /// <returns>The <see cref="History"/> of epoch results.</returns>
    public History Fit(IEnumerable<(ArrayLike X, ArrayLike? Y)> batches, int epochs = 1, Verbosity verbose = default,
        IEnumerable<Callback>? callbacks = null, IEnumerable<(ArrayLike X, ArrayLike? Y)>? validationData = null,
        int? stepsPerEpoch = null, int initialEpoch = 0, CancellationToken cancellationToken = default, int? validationSteps = null) =>
        FitSequence(Batches(InOrder(batches)), epochs, verbose, callbacks, validationData is null ? null : Batches(InOrder(validationData)), stepsPerEpoch, initialEpoch,
            validationSteps, cancellationToken);

    private History FitSequence(IEnumerable<DataBatch> batches, int epochs, Verbosity verbose, IEnumerable<Callback>? callbacks,
        IEnumerable<DataBatch>? validationData, int? stepsPerEpoch, int initialEpoch, int? validationSteps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        CheckSteps(stepsPerEpoch, nameof(stepsPerEpoch));
        return FitAdapters(new EnumerableDataAdapter(batches, stepsPerEpoch), epochs, verbose, callbacks,
            validationData is null ? null : new EnumerableDataAdapter(validationData, null), false, initialEpoch, null, validationSteps, 1,
            cancellationToken);
    }

    /// <summary>Fit on data adapters (sequences, datasets, loaders): shards them, then runs the training loop.</summary>
    private History FitAdapters(DataAdapter train, int epochs, Verbosity verbose, IEnumerable<Callback>? callbacks, DataAdapter? validation,
        bool shuffle, int initialEpoch, int? stepsPerEpoch, int? validationSteps, int validationFreq, CancellationToken cancellationToken)
    {
        EnsureCompiled("fit");
        CheckFitArguments(32, epochs, 0, validationFreq);
        CheckSteps(stepsPerEpoch, nameof(stepsPerEpoch));
        CheckSteps(validationSteps, nameof(validationSteps));
        var trainShard = DataParallelTraining.Shard(train);
        var validationShard = validation is null ? null : DataParallelTraining.Shard(validation);
        return DataParallelTraining.Guard(() => FitCore(new EpochIterator(trainShard, stepsPerEpoch), epochs, verbose.Level, callbacks,
            validationShard is null ? null : new EpochIterator(validationShard, validationSteps), shuffle, initialEpoch, validationFreq,
            cancellationToken), "Fit");
    }

    private History FitCore(EpochIterator train, int epochs, int verbose, IEnumerable<Callback>? callbacks, EpochIterator? validation,
        bool shuffle, int initialEpoch, int validationFreq, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        using var heap = Backend.TrainingHeap.Enter();
        var cbs = new CallbackList(callbacks, this, addHistory: true, addProgbar: verbose != 0, verbose, epochs, train.Steps);
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
            var steps = train.Run(shuffle, (step, batch) =>
            {
                cbs.TrainBatchBegin(step, new Logs());
                last = DataParallelTraining.Step(this, batch, TrainStep);
                cbs.TrainBatchEnd(step, last);
                heap.AfterStep();
            }, () => DataParallelTraining.AgreeStop(StopTraining || cancellationToken.IsCancellationRequested));

            if (steps == 0)
            {
                throw new ArgumentException("The training data produced no batches. Expected at least one (x, y) batch per epoch.");
            }

            epochLogs = last!.Copy();
            if (validation is not null && (epoch + 1 - initialEpoch) % validationFreq == 0 && !DataParallelTraining.AgreeStop(cancellationToken.IsCancellationRequested))
            {
                var valLogs = RunEvaluation(validation, cbs);
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
    private Logs RunEvaluation(EpochIterator data, CallbackList cbs)
    {
        ThrowIfDisposed();
        ResetMetrics();
        using var heap = Backend.TrainingHeap.Enter();
        cbs.TestBegin(new Logs());
        Logs? last = null;
        using (var noGrad = no_grad())
        {
            data.Run(false, (step, batch) =>
            {
                cbs.TestBatchBegin(step, new Logs());
                last = DataParallelTraining.Step(this, batch, TestStep);
                cbs.TestBatchEnd(step, last);
                heap.AfterStep();
            });
        }

        var result = last?.Copy() ?? new Logs();
        cbs.TestEnd(result);
        return result;
    }

    private static void CheckSteps(int? steps, string name)
    {
        if (steps is <= 0)
        {
            throw new ArgumentOutOfRangeException(name, steps, $"Expected a positive `{KerasName(name)}` (or null for all batches).");
        }
    }

    // validationSteps → validation_steps, for messages in Keras's words.
    private static string KerasName(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : c.ToString()));

    private static IEnumerable<DataBatch> Batches(IEnumerable<(ArrayLike X, ArrayLike? Y)> batches) =>
        batches.Select(b => new DataBatch(b.X, b.Y));

    private static IEnumerable<DataBatch> Batches(IEnumerable<(ArrayLike X, ArrayLike? Y, ArrayLike? SampleWeight)> batches) =>
        batches.Select(b => new DataBatch(b.X, b.Y, b.SampleWeight));

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
    private (Tensor[] X, Tensor[]? Y, Tensor? SampleWeight) PrepareArrays(ConvertedData converted, ArrayLike x, ArrayLike? y,
        ArrayLike? sampleWeight, string prefix = "")
    {
        converted.Source(y);
        converted.Source(sampleWeight);
        var (xName, yName) = prefix == "" ? ("x", "y") : ($"{prefix}.x", $"{prefix}.y");
        var xs = PrepareInputs(converted, x, xName);
        var ys = TargetsInOrder(y, yName) is { } yInOrder ? DataPrep.PrepareY(yInOrder.ToTensors(yName)) : null;
        if (sampleWeight?.ByName is not null)
        {
            throw new ArgumentException("`sample_weight` must be one array of per-sample weights; per-output dictionaries are not supported.", nameof(sampleWeight));
        }

        var sw = sampleWeight?.ToTensors("sample_weight")[0].to(float32);
        converted.Made([.. ys ?? [], sw]);
        DataPrep.CheckLengths(xs, ys, sw);
        DataPrep.CheckFinite(xs, ys, sw);
        return (xs, ys, sw);
    }

    // The declared (batch) shape of input i, when the model has one.
    private Shape? InputShapeOf(int i) => _graph is { } g ? g.Inputs[i].Shape : this is Sequential { BatchInputShape: { } s } ? s : (Shape?)null;

    /// <summary>
    /// Converts the inputs (in input order) and checks that there is one array per model input; what the conversion
    /// makes is freed with <paramref name="converted"/>.
    /// </summary>
    private Tensor[] PrepareInputs(ConvertedData converted, ArrayLike x, string argName = "x")
    {
        converted.Source(x);
        var xs = DataPrep.PrepareX(InputsInOrder(x, argName).ToTensors(argName), "x");
        converted.Made(xs);
        if (xs.Length != InputCount)
        {
            throw new ArgumentException($"Model \"{Name}\" expects {InputCount} input array(s), but received {xs.Length}.", nameof(x));
        }

        var dtypes = InputDTypes;
        for (var i = 0; i < xs.Length; i++)
        {
            var strings = StringHandles.IsHandles(xs[i]);
            if (dtypes[i] == "string" && !strings)
            {
                throw new ArgumentException(
                    $"Input {i} of model \"{Name}\" has dtype \"string\" and expects a string array (string[] or string[,]), " +
                    $"but `{argName}` holds a {xs[i].dtype} array of numbers.", argName);
            }

            if (dtypes[i] != "string" && strings)
            {
                throw new ArgumentException(
                    $"`{argName}` holds strings for input {i} of model \"{Name}\", whose dtype is \"{dtypes[i]}\". Declare it " +
                    "`Keras.Input(shape, dtype: \"string\")` and feed it to a TextVectorization, StringLookup or Hashing layer.", argName);
            }

            // Keras adds the trailing axis of a (batch, 1) string Input to a rank-1 array of texts (Functional._adjust_input_rank).
            if (strings && InputShapeOf(i) is { } declared && declared.Rank == xs[i].dim() + 1 && declared[declared.Rank - 1] == 1)
            {
                xs[i] = StringHandles.Derive(xs[i], xs[i].unsqueeze(-1));
                converted.Made([xs[i]]);
            }
        }

        return xs;
    }
}
