using DeepKeras.Training;

namespace DeepKeras.Utils;

/// <summary>
/// A dataset that makes its batches in code, one batch per index (Keras <c>keras.utils.PyDataset</c>): implement
/// <see cref="Count"/> (the number of batches, Keras <c>__len__</c>) and <see cref="GetItem"/> (one whole batch, Keras
/// <c>__getitem__</c>), and pass it to <c>Fit</c>, <c>Evaluate</c> or <c>Predict</c>. Because its length is known, the
/// progress bar shows <c>313/313</c> from the first epoch.
/// </summary>
/// <remarks>
/// <para>Every pass over the data (an epoch of <c>Fit</c>, a validation, an <c>Evaluate</c> or a <c>Predict</c>) calls
/// <see cref="OnEpochBegin"/>, then <see cref="GetItem"/> for each index, then <see cref="OnEpochEnd"/>, also when the
/// pass stops early. <c>Fit(shuffle: true)</c> (the default) asks for the batches of each training epoch in a new
/// random order; validation, <c>Evaluate</c> and <c>Predict</c> ask in index order.</para>
/// <para>With <see cref="Workers"/> above 1, <see cref="GetItem"/> runs on that many background threads, at most
/// <see cref="MaxQueueSize"/> batches ahead of the model, while the model trains on the previous batch; the batches
/// still reach the model in order. <see cref="GetItem"/> must then be safe to call from several threads at once.
/// Keras's <c>use_multiprocessing</c> has no counterpart: .NET threads run <see cref="GetItem"/> in parallel without an
/// interpreter lock, so the threads give the parallelism for which Keras needs processes. In a multi-process
/// <c>DataParallel</c> job with <c>autoShardDataset</c>, each process asks only for its own batches, without threads.</para>
/// </remarks>
/// <example>
/// <code>
/// sealed class Batches(NDArray x, NDArray y, int batchSize) : PyDataset(workers: 2)
/// {
///     public override int Count =&gt; (int)Math.Ceiling(x.shape[0] / (double)batchSize);
///     public override DataBatch GetItem(int index)
///     {
///         var low = index * batchSize;
///         var high = Math.Min(low + batchSize, x.shape[0]);
///         return (x[$"{low}:{high}"], y[$"{low}:{high}"]);
///     }
/// }
/// model.Fit(new Batches(xTrain, yTrain, 128), epochs: 5);
/// </code>
/// </example>
public abstract class PyDataset
{
    private int _workers;
    private int _maxQueueSize;

    /// <summary>Initializes the dataset's prefetching settings.</summary>
    /// <param name="workers">Background threads that call <see cref="GetItem"/> ahead of the model; 0 or 1: none,
    /// the batches are made on the training thread when needed.</param>
    /// <param name="maxQueueSize">The most batches made ahead of the model when <paramref name="workers"/> is above 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workers"/> is negative or <paramref name="maxQueueSize"/> is not positive.</exception>
    protected PyDataset(int workers = 1, int maxQueueSize = 10)
    {
        Workers = workers;
        MaxQueueSize = maxQueueSize;
    }

    /// <summary>Gets or sets the number of background threads that make batches ahead of the model (0 or 1: none).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int Workers
    {
        get => _workers;
        set => _workers = value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(Workers), value, $"Expected `workers` >= 0 (0 or 1: no background threads). Received: workers={value}.");
    }

    /// <summary>Gets or sets the most batches made ahead of the model when <see cref="Workers"/> is above 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxQueueSize
    {
        get => _maxQueueSize;
        set => _maxQueueSize = value > 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxQueueSize), value, $"Expected a positive `max_queue_size`. Received: max_queue_size={value}.");
    }

    /// <summary>Gets the number of batches in the dataset (Keras <c>__len__</c>).</summary>
    public abstract int Count { get; }

    /// <summary>
    /// Returns batch <paramref name="index"/> (Keras <c>__getitem__</c>): the inputs, or the inputs and targets, or the
    /// inputs, targets and sample weights of a whole batch, e.g. <c>return (x, y);</c>.
    /// </summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <returns>The batch.</returns>
    public abstract DataBatch GetItem(int index);

    /// <summary>Gets batch <paramref name="index"/>; the same as <see cref="GetItem"/>.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    public DataBatch this[int index] => GetItem(index);

    /// <summary>Called at the start of every pass over the data; override it to prepare an epoch.</summary>
    public virtual void OnEpochBegin()
    {
    }

    /// <summary>Called at the end of every pass over the data; override it to change the data between epochs.</summary>
    public virtual void OnEpochEnd()
    {
    }
}
