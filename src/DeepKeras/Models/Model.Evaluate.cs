using DeepKeras.Callbacks;
using DeepKeras.Distribution;
using DeepKeras.Training;

namespace DeepKeras.Models;

public partial class Model
{
    /// <summary>Computes the loss and metrics on data in inference mode (Keras <c>evaluate</c>).</summary>
    /// <param name="x">Inputs.</param>
    /// <param name="y">Targets.</param>
    /// <param name="batchSize">Samples per step (default 32).</param>
    /// <param name="verbose"><c>"auto"</c> (default, = 1), 0 silent, 1 progress bar, 2 one line.</param>
    /// <param name="sampleWeight">Per-sample weights.</param>
    /// <param name="steps">Number of batches (default all).</param>
    /// <param name="callbacks">Callbacks.</param>
    /// <returns>The loss, then the metrics in compile order.</returns>
    public EvaluateResult Evaluate(ArrayLike x, ArrayLike? y = null, int? batchSize = null, Verbosity verbose = default, ArrayLike? sampleWeight = null,
        int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        EnsureCompiled("evaluate");
        CheckFitArguments(batchSize, 1, 0, 1);
        using var converted = new ConvertedData();
        var (xs, ys, sw) = PrepareArrays(converted, x, y, sampleWeight);
        return EvaluateAdapter(new ArrayDataAdapter(xs, ys, sw, batchSize ?? 32), verbose, steps, callbacks);
    }

    /// <summary>Evaluate on a data adapter: shards it, then runs one pass of test steps with a progress bar.</summary>
    private EvaluateResult EvaluateAdapter(DataAdapter data, Verbosity verbose, int? steps, IEnumerable<Callback>? callbacks)
    {
        EnsureCompiled("evaluate");
        CheckSteps(steps, nameof(steps));
        var iterator = new EpochIterator(DataParallelTraining.Shard(data), steps);
        var cbs = new CallbackList(callbacks, this, addHistory: false, addProgbar: verbose.Level != 0, verbose.Level, 1, iterator.Steps);
        var logs = DataParallelTraining.Guard(() => RunEvaluation(iterator, cbs), "Evaluate");
        return OrderedResult(logs);
    }

    /// <summary>Loss and metrics for one batch, without progress output (Keras <c>test_on_batch</c>).</summary>
    /// <param name="x">Inputs.</param>
    /// <param name="y">Targets.</param>
    /// <param name="sampleWeight">Per-sample weights.</param>
    public EvaluateResult TestOnBatch(ArrayLike x, ArrayLike? y = null, ArrayLike? sampleWeight = null)
    {
        EnsureCompiled("test_on_batch");
        using var converted = new ConvertedData();
        var (xs, ys, sw) = PrepareArrays(converted, x, y, sampleWeight);
        ResetMetrics();
        using var noGrad = no_grad();
        return OrderedResult(OnBatch(xs, ys, sw, TestStep));
    }

    /// <summary>One training step on one batch (Keras <c>train_on_batch</c>); metrics are those of this batch.</summary>
    /// <param name="x">Inputs.</param>
    /// <param name="y">Targets.</param>
    /// <param name="sampleWeight">Per-sample weights.</param>
    /// <param name="classWeight">Class index → weight.</param>
    public EvaluateResult TrainOnBatch(ArrayLike x, ArrayLike? y = null, ArrayLike? sampleWeight = null,
        IReadOnlyDictionary<int, double>? classWeight = null)
    {
        EnsureCompiled("train_on_batch");
        using var converted = new ConvertedData();
        var (xs, ys, sw) = PrepareArrays(converted, x, y, sampleWeight);
        if (classWeight is not null)
        {
            sw = ClassWeights.ToSampleWeights(classWeight, ys, sw);
            converted.Made([sw]);
        }

        ResetMetrics();
        return OrderedResult(OnBatch(xs, ys, sw, TrainStep));
    }

    /// <summary>Runs one step on the whole of the given arrays, as one batch, through the batch loop.</summary>
    private Logs OnBatch(Tensor[] xs, Tensor[]? ys, Tensor? sw, Func<Batch, Logs> step)
    {
        ThrowIfDisposed();
        Logs? logs = null;
        new EpochIterator(new ArrayDataAdapter(xs, ys, sw, checked((int)xs[0].shape[0])), 1).Run(false, (_, batch) => logs = step(batch).Copy());
        return logs!;
    }

    // Keras returns [loss, metric1, ...] in the order of its metrics, not the alphabetical display order. There the
    // compiled metrics of a multi-output model, and the weighted metrics, keep their own names (mae, not priority_mae
    // or weighted_mae), so some match no log key; the keys matched by no metric follow in sorted order.
    private EvaluateResult OrderedResult(Logs logs)
    {
        var perOutput = new HashSet<Metrics.Metric>(ReferenceEqualityComparer.Instance);
        if (_compiled is not null)
        {
            perOutput.UnionWith(_compiled.Metrics.Length > 1 ? _compiled.Metrics.SelectMany(m => m) : []);
            perOutput.UnionWith(_compiled.WeightedMetrics.SelectMany(m => m));
        }

        var order = Metrics.Select(m => perOutput.Contains(m) ? m.CompiledName : m.Name).ToList();
        return new EvaluateResult(logs
            .OrderBy(kv => order.IndexOf(kv.Key) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal));
    }
}
