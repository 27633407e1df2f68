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
    /// <returns>The predictions of the (first) output as a NumSharp array.</returns>
    public NDArray Predict(ArrayLike x, int? batchSize = null, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        First(PredictTensors(x, batchSize, verbose, steps, callbacks));

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
        var xs = PrepareInputs(x);
        DataPrep.CheckLengths(xs, null, null);
        (xs, var localBatchSize, steps, var rows) = PredictSharding.Split(xs, batchSize ?? 32, steps);
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
        cbs.PredictBegin(new Logs());
        using (var noGrad = no_grad())
        {
            data.Run(false, (step, batch) =>
            {
                cbs.PredictBatchBegin(step, new Logs());
                var outputs = PredictStep(batch);
                chunks.Add(outputs.Select(o => o.detach().cpu().MoveToOuterDisposeScope()).ToArray());
                cbs.PredictBatchEnd(step, new Logs { Outputs = outputs });
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
    public NDArray PredictOnBatch(ArrayLike x)
    {
        ThrowIfDisposed();
        var xs = PrepareInputs(x);
        DataPrep.CheckLengths(xs, null, null);
        return First(PredictLoop(new EpochIterator(new ArrayDataAdapter(xs, null, null, checked((int)xs[0].shape[0])), 1),
            new CallbackList(null, this, addHistory: false, addProgbar: false, 0, 1, 1)));
    }

    // The first output as a NumSharp array; every output tensor is freed.
    private static NDArray First(Tensor[] outputs)
    {
        try
        {
            return TensorConvert.ToNDArray(outputs[0]);
        }
        finally
        {
            foreach (var o in outputs)
            {
                o.Dispose();
            }
        }
    }
}
