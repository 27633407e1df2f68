using DeepKeras.Callbacks;
using DeepKeras.Distribution;
using DeepKeras.Training;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Models;

public partial class Model
{
    /// <summary>Runs the model on inputs in inference mode, batch by batch (Keras <c>predict</c>).</summary>
    /// <param name="x">Inputs.</param>
    /// <param name="batchSize">Samples per step (default 32).</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1: Keras's progress bar), 0 silent, 1 progress bar, 2 one line.</param>
    /// <param name="steps">Number of batches (default all).</param>
    /// <param name="callbacks">Callbacks.</param>
    /// <returns>The predictions as a NumSharp array.</returns>
    /// <exception cref="InvalidOperationException">The model has several outputs: use <see cref="PredictAll"/>.</exception>
    public NDArray Predict(ArrayLike x, int? batchSize = null, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        ThrowIfSeveralOutputs(HasSymbolicGraph ? Outputs.Count : 1, "Predict", "PredictAll");
        return First(PredictTensors(x, batchSize, verbose, steps, callbacks));
    }

    /// <summary>
    /// Runs the model on inputs in inference mode and returns the predictions of every output, as Keras's
    /// <c>predict</c> does for several outputs: in output order, keyed by output name, and flagged
    /// <see cref="Predictions.IsDictionary"/> when the model's outputs were given as a dictionary.
    /// </summary>
    /// <param name="x">Inputs: arrays in input order, or a dictionary keyed by input name.</param>
    /// <param name="batchSize">Samples per step (default 32).</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0, 1 or 2.</param>
    /// <param name="steps">Number of batches (default all).</param>
    /// <param name="callbacks">Callbacks.</param>
    public Predictions PredictAll(ArrayLike x, int? batchSize = null, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        return ToPredictions(ToArrays(PredictTensors(x, batchSize, verbose, steps, callbacks)));
    }

    /// <summary>Like <see cref="Predict(ArrayLike, int?, Verbosity, int?, IEnumerable{Callback})"/> but returns every output, as TorchSharp tensors on the CPU that the caller owns.</summary>
    /// <param name="x">Inputs.</param>
    /// <param name="batchSize">Samples per step (default 32).</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0, 1 or 2.</param>
    /// <param name="steps">Number of batches (default all).</param>
    /// <param name="callbacks">Callbacks.</param>
    public Tensor[] PredictTensors(ArrayLike x, int? batchSize = null, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        DataParallelTraining.Guard(() => PredictCore(x, batchSize, verbose.Level, steps, callbacks), "Predict");

    private Tensor[] PredictCore(ArrayLike x, int? batchSize, int verbose, int? steps, IEnumerable<Callback>? callbacks)
    {
        ThrowIfDisposed();
        CheckFitArguments(batchSize, 1, 0, 1);
        CheckSteps(steps, nameof(steps));
        using var converted = new ConvertedData();
        var xs = PrepareInputs(converted, x);
        DataPrep.CheckLengths(xs, null, null);
        (xs, var localBatchSize, steps, var rows) = PredictSharding.Split(xs, batchSize ?? 32, steps);
        converted.Made(xs);
        var iterator = new EpochIterator(new ArrayDataAdapter(xs, null, null, localBatchSize), steps);
        var cbs = new CallbackList(callbacks, this, addHistory: false, addProgbar: verbose != 0, verbose, 1, iterator.Steps);
        return PredictSharding.Gather(PredictLoop(iterator, cbs), rows);
    }

    /// <summary>Predict on batches from user code (sequences, datasets, loaders), each process on its share under a distribution.</summary>
    private Tensor[] PredictAdapter(DataAdapter data, Verbosity verbose, int? steps, IEnumerable<Callback>? callbacks)
    {
        ThrowIfDisposed();
        CheckSteps(steps, nameof(steps));
        var iterator = new EpochIterator(data, steps);
        var cbs = new CallbackList(callbacks, this, addHistory: false, addProgbar: verbose.Level != 0, verbose.Level, 1, iterator.Steps);
        return DataParallelTraining.Guard(() => PredictLoop(iterator, cbs), "Predict");
    }

    /// <summary>Runs the prediction steps of one pass and returns every output, concatenated, on the CPU.</summary>
    private Tensor[] PredictLoop(EpochIterator data, CallbackList cbs)
    {
        var chunks = new List<Tensor[]>();
        using var heap = Backend.TrainingHeap.Enter();
        cbs.PredictBegin(new Logs());
        using (var noGrad = no_grad())
        {
            data.Run(false, (step, batch) =>
            {
                cbs.PredictBatchBegin(step, new Logs());
                var outputs = PredictStep(batch);
                chunks.Add(outputs.Select(o => o.detach().cpu().MoveToOuterDisposeScope()).ToArray());
                cbs.PredictBatchEnd(step, new Logs { Outputs = outputs });
                heap.AfterStep();
            });
        }

        cbs.PredictEnd(new Logs());
        if (chunks.Count == 0)
        {
            throw new ArgumentException("The data to predict on produced no batches. Expected at least one batch of inputs.");
        }

        var result = Enumerable.Range(0, chunks[0].Length).Select(i => cat(chunks.Select(c => c[i]).ToArray(), 0).DetachFromDisposeScope()).ToArray();
        foreach (var c in chunks.SelectMany(c => c))
        {
            c.Dispose();
        }

        return result;
    }

    /// <summary>Runs the model on one batch in inference mode (Keras <c>predict_on_batch</c>).</summary>
    /// <param name="x">Inputs.</param>
    /// <exception cref="InvalidOperationException">The model has several outputs: use <see cref="PredictAllOnBatch"/>.</exception>
    public NDArray PredictOnBatch(ArrayLike x)
    {
        var outputs = PredictOnBatchCore(x);
        ThrowIfSeveralOutputs(outputs.Length, "PredictOnBatch", "PredictAllOnBatch");
        return outputs[0];
    }

    /// <summary>Runs the model on one batch in inference mode and returns every output (Keras <c>predict_on_batch</c> with several outputs).</summary>
    /// <param name="x">Inputs.</param>
    public Predictions PredictAllOnBatch(ArrayLike x) => ToPredictions(PredictOnBatchCore(x));

    private NDArray[] PredictOnBatchCore(ArrayLike x)
    {
        ThrowIfDisposed();
        using var converted = new ConvertedData();
        var xs = PrepareInputs(converted, x);
        DataPrep.CheckLengths(xs, null, null);
        return ToArrays(PredictLoop(new EpochIterator(new ArrayDataAdapter(xs, null, null, checked((int)xs[0].shape[0])), 1),
            new CallbackList(null, this, addHistory: false, addProgbar: false, 0, 1, 1)));
    }

    // The single output as a NumSharp array (several outputs: an error naming PredictAll); every output tensor is freed.
    private NDArray First(Tensor[] outputs)
    {
        var arrays = ToArrays(outputs);
        ThrowIfSeveralOutputs(arrays.Length, "Predict", "PredictAll");
        return arrays[0];
    }

    // Every output as a NumSharp array; every output tensor is freed.
    private static NDArray[] ToArrays(Tensor[] outputs)
    {
        try
        {
            return outputs.Select(TensorConvert.ToNDArray).ToArray();
        }
        finally
        {
            foreach (var o in outputs)
            {
                o.Dispose();
            }
        }
    }

    private Predictions ToPredictions(NDArray[] outputs)
    {
        var names = OutputLabels;
        return new Predictions(outputs, names.Count == outputs.Length ? names : outputs.Select((_, i) => $"output_{i}").ToList(), OutputKeys is not null);
    }

    private void ThrowIfSeveralOutputs(int count, string method, string instead)
    {
        if (count > 1)
        {
            var names = HasSymbolicGraph && OutputLabels.Count == count ? $" ({string.Join(", ", OutputLabels)})" : "";
            throw new InvalidOperationException(
                $"Model \"{Name}\" has {count} outputs{names}; `{method}` returns a single array. Use `{instead}(x)` to get every output " +
                "(a list in output order, by name for dictionary outputs).");
        }
    }
}
