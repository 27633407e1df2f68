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
        var outputs = PredictTensors(x, batchSize, verbose, steps, callbacks);
        try
        {
            ThrowIfSeveralOutputs(outputs.Length, "Predict", "PredictAll");
            return TensorConvert.ToNDArray(outputs[0]);
        }
        finally
        {
            foreach (var t in outputs)
            {
                t.Dispose();
            }
        }
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
        var outputs = PredictTensors(x, batchSize, verbose, steps, callbacks);
        try
        {
            return ToPredictions(outputs);
        }
        finally
        {
            foreach (var t in outputs)
            {
                t.Dispose();
            }
        }
    }

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
        var xs = DataPrep.PrepareX(InputsInOrder(x).ToTensors("x"), "x");
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
        var xs = DataPrep.PrepareX(InputsInOrder(x).ToTensors("x"), "x");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var dev = Keras.Backend.TorchDevice;
        var outputs = PredictStep(new Batch(xs.Select(t => t.to(dev)).ToArray(), null, null));
        return outputs.Select(TensorConvert.ToNDArray).ToArray();
    }

    private Predictions ToPredictions(IReadOnlyList<Tensor> outputs) => ToPredictions(outputs.Select(TensorConvert.ToNDArray).ToArray());

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
