using DeepKeras.Callbacks;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Distribution;

/// <summary>
/// The points where <c>Fit</c>, <c>Evaluate</c>, <c>Predict</c> and the optimizer hand over to data-parallel training.
/// Each is a no-op returning its input unless a <see cref="DataParallel"/> distribution is set in a job of several
/// processes.
/// </summary>
internal static class DataParallelTraining
{
    [ThreadStatic]
    private static bool _lossScaled;

    private static int _busy;
    private static Model? _pendingState;

    /// <summary>Gets the communicator when a <see cref="DataParallel"/> distribution is set and the job has several processes.</summary>
    public static ICommunicator? Communicator => Keras.Distribution.Current is DataParallel ? Keras.Distribution.Communicator : null;

    /// <summary>Gets whether a distributed Fit, Evaluate or Predict is running.</summary>
    public static bool Busy => Volatile.Read(ref _busy) > 0;

    /// <summary>Returns the data adapter that gives this process its share of <paramref name="adapter"/>'s data.</summary>
    /// <param name="adapter">The data as the user passed it.</param>
    public static DataAdapter Shard(DataAdapter adapter)
    {
        if (Communicator is not { } communicator)
        {
            return adapter;
        }

        return Keras.Distribution.Current!.AutoShardDataset switch
        {
            false => new ReplicaLocalAdapter(adapter, communicator),
            true when adapter is ArrayDataAdapter arrays => new ShardedArrayAdapter(arrays, communicator),
            true when adapter is PyDatasetAdapter dataset => new RoundRobinSequenceAdapter(dataset.WithSharedOrder(communicator), communicator),
            true when adapter is SequenceDataAdapter sequence => new RoundRobinSequenceAdapter(sequence, communicator),
            _ => new ReplicaLocalAdapter(adapter, communicator),
        };
    }

    /// <summary>
    /// Runs <paramref name="body"/>; under a distribution, an exception aborts the whole job with this process's
    /// message instead of leaving the other processes waiting in a collective.
    /// </summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="body">Fit, Evaluate or Predict.</param>
    /// <param name="during">Its name, for the message.</param>
    public static T Guard<T>(Func<T> body, string during)
    {
        Interlocked.Increment(ref _busy);
        try
        {
            return body();
        }
        catch (Exception e) when (Communicator is not null && Keras.Distribution.Fail(e, during))
        {
            throw;
        }
        finally
        {
            if (Interlocked.Decrement(ref _busy) == 0)
            {
                _pendingState = null;
            }
        }
    }

    /// <summary>
    /// Called once the callbacks' <c>OnTrainBegin</c> ran (BackupAndRestore restored process 0): gives every process
    /// process 0's resume epoch, and its weights and optimizer state (at the first step when the model is not built yet).
    /// </summary>
    /// <param name="model">The model being trained.</param>
    public static void AfterTrainBegin(Model model)
    {
        if (Communicator is not { } communicator)
        {
            return;
        }

        StateBroadcast.ResumeEpoch(model, communicator);
        if (model.Built)
        {
            StateBroadcast.ModelState(model, communicator);
        }
        else
        {
            _pendingState = model;
        }
    }

    /// <summary>
    /// Runs one training or test step on this process's share of a batch and returns logs that hold all processes'
    /// samples (identical on every process).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="batch">The batch from a sharded data adapter.</param>
    /// <param name="step">TrainStep or TestStep.</param>
    public static Logs Step(Model model, Batch batch, Func<Batch, Logs> step)
    {
        if (Communicator is not { } communicator)
        {
            return step(batch);
        }

        if (ReferenceEquals(_pendingState, model))
        {
            // The model builds its weights on its first call: build it on this batch, then start from process 0's weights.
            using (no_grad())
            {
                model.Forward(batch.X, training: false);
            }

            StateBroadcast.ModelState(model, communicator);
            _pendingState = null;
        }

        var share = BatchShare.Of(batch);
        var metrics = model.Metrics;
        var before = MetricAllReduce.Capture(metrics);
        Logs logs;
        using (BatchShare.Enter(share))
        {
            logs = step(batch);
        }

        return MetricAllReduce.Reduce(metrics, before, logs, share?.IsPadding ?? false, communicator);
    }

    /// <summary>Returns true on every process when training should stop on any of them (callbacks, cancellation).</summary>
    /// <param name="stop">This process's wish to stop.</param>
    public static bool AgreeStop(bool stop) => Communicator is { } communicator ? StepAgreement.AnyStops(communicator, stop) : stop;

    /// <summary>
    /// Scales a step's loss by this process's share of the global batch before back-propagation, so that the summed
    /// gradients are those of the global batch (exact also through synchronized batch normalization).
    /// </summary>
    /// <param name="loss">The loss of this process's samples.</param>
    public static Tensor ScaleLoss(Tensor loss)
    {
        if (Communicator is not { } communicator)
        {
            return loss;
        }

        _lossScaled = true;
        return loss * Weight(communicator);
    }

    /// <summary>
    /// Sums the processes' gradients with one fused all-reduce before the optimizer applies them (Horovod's
    /// DistributedOptimizer). Gradients whose loss <see cref="ScaleLoss"/> did not scale are weighted here.
    /// </summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="gradients">This process's gradients.</param>
    /// <param name="variables">The variables.</param>
    public static IReadOnlyList<Tensor?> ReduceGradients(Optimizer optimizer, IReadOnlyList<Tensor?> gradients, IReadOnlyList<Variable> variables)
    {
        if (Communicator is not { } communicator || variables.Count == 0)
        {
            return gradients;
        }

        var scale = _lossScaled ? 1 : Weight(communicator);
        _lossScaled = false;
        return FusedGradients.AllReduce(optimizer, gradients, variables, scale, communicator);
    }

    // Without a sharded batch (a custom loop calling the optimizer), every process counts equally.
    private static double Weight(ICommunicator communicator) => BatchShare.Current?.Weight ?? 1.0 / communicator.Size;
}
