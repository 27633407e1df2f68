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
        TensorConvert.ToNDArray(PredictTensors(x, batchSize, verbose, steps, callbacks)[0]);

    /// <summary>Like <see cref="Predict"/> but returns every output, as TorchSharp tensors on the CPU that the caller owns.</summary>
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
        var xs = DataPrep.PrepareX(x.ToTensors("x"), "x");
        if (xs.Length != InputCount)
        {
            throw new ArgumentException($"Model \"{Name}\" expects {InputCount} input array(s), but received {xs.Length}.", nameof(x));
        }

        DataPrep.CheckLengths(xs, null, null);
        (xs, var localBatchSize, steps, var rows) = PredictSharding.Split(xs, batchSize ?? 32, steps);
        var adapter = new ArrayDataAdapter(xs, null, null, localBatchSize);
        var cbs = new CallbackList(callbacks, this, addHistory: false, addProgbar: verbose != 0, verbose, 1, steps ?? adapter.Steps);
        var chunks = new List<Tensor[]>();
        cbs.PredictBegin(new Logs());
        using (var noGrad = no_grad())
        using (var e = adapter.Epoch(false).GetEnumerator())
        {
            var step = 0;
            while (steps is null || step < steps)
            {
                // Advanced outside the step's scope: a user's sequence may keep what it allocates; the batch tensors
                // the adapter made are freed with the step.
                if (!e.MoveNext())
                {
                    break;
                }

                using var scope = DataAdapter.StepScope(e.Current);

                cbs.PredictBatchBegin(step, new Logs());
                var outputs = PredictStep(e.Current);
                chunks.Add(outputs.Select(o => o.detach().cpu().MoveToOuterDisposeScope()).ToArray());
                cbs.PredictBatchEnd(step, new Logs { Outputs = outputs });
                step++;
            }
        }

        cbs.PredictEnd(new Logs());
        var result = Enumerable.Range(0, chunks[0].Length).Select(i => cat(chunks.Select(c => c[i]).ToArray(), 0).DetachFromDisposeScope()).ToArray();
        foreach (var c in chunks.SelectMany(c => c))
        {
            c.Dispose();
        }

        return PredictSharding.Gather(result, rows);
    }

    /// <summary>Runs the model on one batch in inference mode (Keras <c>predict_on_batch</c>).</summary>
    /// <param name="x">Inputs.</param>
    public NDArray PredictOnBatch(ArrayLike x)
    {
        var xs = DataPrep.PrepareX(x.ToTensors("x"), "x");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var dev = Keras.Backend.TorchDevice;
        var outputs = PredictStep(new Batch(xs.Select(t => t.to(dev)).ToArray(), null, null));
        return TensorConvert.ToNDArray(outputs[0]);
    }
}
