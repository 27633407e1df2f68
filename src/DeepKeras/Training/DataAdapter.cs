using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras.Training;

/// <summary>
/// Turns the data given to Fit/Evaluate/Predict into batches on the model's device.
/// </summary>
/// <remarks>
/// The training loops advance the enumerator outside their per-step dispose scope, so a user's sequence may allocate
/// state lazily that outlives the step; the tensors an adapter creates for a batch are handed to the step scope by
/// <see cref="StepScope"/> and freed when the step ends, while tensors the user yields stay the user's.
/// </remarks>
internal abstract class DataAdapter
{
    /// <summary>Gets the number of batches per epoch, if known.</summary>
    public abstract int? Steps { get; }

    /// <summary>Yields the batches of one pass. Tensors are created when the enumerator advances.</summary>
    public abstract IEnumerable<Batch> Epoch(bool shuffle);

    /// <summary>Opens the dispose scope of one step, which frees the batch tensors the adapter created when it ends.</summary>
    public static DisposeScope StepScope(Batch batch)
    {
        var scope = NewDisposeScope();
        foreach (var t in batch.Owned)
        {
            scope.Attach(t);
        }

        return scope;
    }

    /// <summary>Returns the numbers 0 … <paramref name="count"/> − 1 in a random order drawn from the shuffling seed.</summary>
    protected static long[] Permutation(long count)
    {
        var order = new long[count];
        for (long i = 0; i < count; i++)
        {
            order[i] = i;
        }

        RandomState.Shuffle.Shuffle(order);
        return order;
    }

    /// <summary>
    /// Builds a batch in a scope of its own: temporaries are freed at once, and the batch tensors created here (not those
    /// that existed before, such as a tensor the user yielded) are detached and recorded as the batch's own.
    /// </summary>
    protected static Batch Build(Func<Batch> make)
    {
        using var scope = NewDisposeScope();
        var batch = make();
        var owned = batch.X.Concat(batch.Y ?? []).Append(batch.SampleWeight).OfType<Tensor>()
            .Where(scope.Contains).Distinct<Tensor>(ReferenceEqualityComparer.Instance).ToArray();
        scope.Detach((IEnumerable<IDisposable>)owned);
        return batch with { Owned = owned };
    }
}

/// <summary>In-memory arrays, sliced into batches (shuffled per epoch when asked).</summary>
internal sealed class ArrayDataAdapter : DataAdapter
{
    private readonly Tensor[] _x;
    private readonly Tensor[]? _y;
    private readonly Tensor? _sw;
    private readonly int _batchSize;

    public ArrayDataAdapter(Tensor[] x, Tensor[]? y, Tensor? sampleWeight, int batchSize)
    {
        _x = x;
        _y = y;
        _sw = sampleWeight;
        _batchSize = batchSize;
        Count = x[0].shape[0];
    }

    public long Count { get; }

    public override int? Steps => (int)((Count + _batchSize - 1) / _batchSize);

    /// <summary>Gets the number of samples per batch.</summary>
    public int BatchSize => _batchSize;

    public override IEnumerable<Batch> Epoch(bool shuffle)
    {
        var order = Order(shuffle);
        for (long start = 0; start < Count; start += _batchSize)
        {
            yield return Slice(order, start, Math.Min(_batchSize, Count - start));
        }
    }

    /// <summary>Returns a new random order of the samples when <paramref name="shuffle"/> is set, else null.</summary>
    internal long[]? Order(bool shuffle)
    {
        return shuffle ? Permutation(Count) : null;
    }

    /// <summary>Returns samples <c>start … start + size − 1</c> of <paramref name="order"/> (or of the data) on the device.</summary>
    internal Batch Slice(long[]? order, long start, long size) => Build(() => MakeSlice(order, start, size));

    private Batch MakeSlice(long[]? order, long start, long size)
    {
        if (order is null)
        {
            return new Batch(
                _x.Select(t => t.narrow(0, start, size)).ToArray(),
                _y?.Select(t => t.narrow(0, start, size)).ToArray(),
                _sw?.narrow(0, start, size)).ToDevice();
        }

        var idx = tensor(order.AsSpan((int)start, (int)size).ToArray());
        return new Batch(
            _x.Select(t => t.index_select(0, idx)).ToArray(),
            _y?.Select(t => t.index_select(0, idx)).ToArray(),
            _sw?.index_select(0, idx)).ToDevice();
    }
}

/// <summary>
/// A user sequence of batches, for data that does not fit in memory, or the batches of a TorchSharp <c>DataLoader</c>.
/// </summary>
/// <param name="batches">The batches; enumerated again at every pass.</param>
/// <param name="count">The number of batches of a pass, if known; a pass ends after that many.</param>
/// <param name="classWeight">Class index → weight, turned into sample weights of each batch, or null.</param>
internal sealed class EnumerableDataAdapter(IEnumerable<DataBatch> batches, int? count, IReadOnlyDictionary<int, double>? classWeight = null)
    : SequenceDataAdapter
{
    public override int? Steps => count;

    /// <inheritdoc/>
    public override IEnumerable<Func<Batch>> Items(bool shuffle)
    {
        // The count is checked before advancing, so that a sequence is never asked for more batches than a pass uses.
        using var e = batches.GetEnumerator();
        for (var i = 0; (count is null || i < count) && e.MoveNext(); i++)
        {
            var item = e.Current;
            yield return () => ToBatch(item, classWeight);
        }
    }
}
