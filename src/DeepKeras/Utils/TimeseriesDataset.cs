using System.Collections;
using DeepKeras.Training;
using NumSharp;

namespace DeepKeras.Utils;

/// <summary>
/// Batches of sliding windows over a time series, made by <see cref="Keras.Utils.TimeseriesDatasetFromArray(NDArray, NDArray?, int, int, int, int?, bool, int?, int?, int?)"/>
/// (Keras returns a <c>tf.data.Dataset</c>). Pass it to <c>model.Fit</c>, or read its batches as <see cref="NDArray"/>s with
/// the indexer or <c>foreach</c>.
/// </summary>
/// <remarks>
/// Each batch is gathered from the series when it is read, so memory holds the series once, not every window.
/// Enumerating with <c>foreach</c> yields <c>(NDArray X, NDArray? Y)</c>; as an <see cref="IEnumerable{T}"/> (LINQ, <c>Fit</c>)
/// it yields <c>(ArrayLike X, ArrayLike? Y)</c>. The order is the same at every enumeration.
/// </remarks>
/// <example>
/// <code>
/// var train = Keras.Utils.TimeseriesDatasetFromArray(series[..^10], series[10..], sequenceLength: 10, batchSize: 32);
/// model.Fit(train, epochs: 5, stepsPerEpoch: train.Count);
/// var (x, y) = train[0];   // x (32, 10), y (32,)
/// </code>
/// </example>
public sealed class TimeseriesDataset : IEnumerable<(ArrayLike X, ArrayLike? Y)>
{
    private readonly RowGather _data;
    private readonly RowGather? _targets;
    private readonly int[] _starts;
    private readonly int _sequenceLength;
    private readonly int _samplingRate;
    private readonly int _startIndex;

    private TimeseriesDataset(RowGather data, RowGather? targets, int[] starts, int sequenceLength, int samplingRate, int startIndex, int? batchSize)
    {
        _data = data;
        _targets = targets;
        _starts = starts;
        _sequenceLength = sequenceLength;
        _samplingRate = samplingRate;
        _startIndex = startIndex;
        BatchSize = batchSize;
        Count = batchSize is { } b ? (starts.Length + b - 1) / b : starts.Length;
    }

    /// <summary>Gets the number of batches (of windows when <see cref="BatchSize"/> is null).</summary>
    public int Count { get; }

    /// <summary>Gets the number of windows.</summary>
    public int SampleCount => _starts.Length;

    /// <summary>Gets the windows per batch, or null when the items are single windows.</summary>
    public int? BatchSize { get; }

    /// <summary>Gets the time step at which each window starts, in the order the windows are served.</summary>
    public IReadOnlyList<int> WindowStarts => Array.AsReadOnly(_starts.Select(s => s + _startIndex).ToArray());

    /// <summary>Gets the batches as a read-only list of NumSharp arrays (each is gathered when read).</summary>
    public IReadOnlyList<(NDArray X, NDArray? Y)> Batches => new BatchList(this);

    /// <summary>Gets batch <paramref name="index"/>: windows <c>(batch, sequenceLength, …)</c> and targets <c>(batch, …)</c> (null without targets).</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    public (NDArray X, NDArray? Y) this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            if (BatchSize is not { } b)
            {
                var (x, y) = Gather(index, 1);
                return (x.reshape(x.shape[1..]), y?.reshape(y.shape[1..]));
            }

            return Gather(index * b, Math.Min(b, _starts.Length - (index * b)));
        }
    }

    /// <summary>Returns every window and target as two arrays, <c>(windows, sequenceLength, …)</c> and <c>(windows, …)</c>, in serving order.</summary>
    public (NDArray X, NDArray? Y) ToArrays() => Gather(0, _starts.Length);

    /// <summary>Returns an enumerator over the batches as NumSharp arrays (used by <c>foreach</c>).</summary>
    public IEnumerator<(NDArray X, NDArray? Y)> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator<(ArrayLike X, ArrayLike? Y)> IEnumerable<(ArrayLike X, ArrayLike? Y)>.GetEnumerator()
    {
        // New ArrayLike wrappers at each pass: a wrapper caches its tensor, and caching every batch would hold all windows.
        for (var i = 0; i < Count; i++)
        {
            var (x, y) = this[i];
            yield return (x, y is null ? null : (ArrayLike)y);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<(ArrayLike X, ArrayLike? Y)>)this).GetEnumerator();

    private (NDArray X, NDArray? Y) Gather(int first, int count)
    {
        var rows = new int[count * _sequenceLength];
        for (var w = 0; w < count; w++)
        {
            var start = _startIndex + _starts[first + w];
            for (var j = 0; j < _sequenceLength; j++)
            {
                rows[(w * _sequenceLength) + j] = start + (j * _samplingRate);
            }
        }

        var x = _data.Take(rows, [count, _sequenceLength]);
        var y = _targets?.Take(_starts.Skip(first).Take(count).Select(s => s + _startIndex).ToArray(), [count]);
        return (x, y);
    }

    internal static TimeseriesDataset Create(NDArray data, NDArray? targets, int sequenceLength, int sequenceStride, int samplingRate,
        int? batchSize, bool shuffle, int? seed, int? startIndex, int? endIndex)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.ndim == 0)
        {
            throw new ArgumentException("Expected `data` with time on axis 0, of shape (steps,) or (steps, features). Received a scalar.", nameof(data));
        }

        var length = checked((int)data.shape[0]);
        TimeseriesChecks.Validate(length, sequenceLength, sequenceStride, samplingRate, batchSize, startIndex, endIndex);
        if (targets is not null && targets.ndim == 0)
        {
            throw new ArgumentException("Expected `targets` with time on axis 0. Received a scalar.", nameof(targets));
        }

        var start = startIndex ?? 0;
        var end = endIndex ?? length;
        var span = ((sequenceLength - 1) * samplingRate) + 1;
        var numSeqs = end - start - ((sequenceLength - 1) * samplingRate);
        if (targets is not null)
        {
            // Keras caps the window count at len(targets); counting from start_index keeps every target inside `targets`
            // (Keras would fail in the gather when start_index > 0 and targets are short).
            numSeqs = Math.Min(numSeqs, (int)targets.shape[0] - start);
        }

        if (numSeqs <= 0)
        {
            throw new ArgumentException(
                $"No window fits: `sequence_length`={sequenceLength} with `sampling_rate`={samplingRate} spans {span} time steps, but " +
                $"only {end - start} are available between start_index={start} and end_index={end}" +
                (targets is null ? "." : $" (and {Math.Max(0, (int)targets.shape[0] - start)} targets from start_index)."), nameof(sequenceLength));
        }

        var starts = new int[(numSeqs + sequenceStride - 1) / sequenceStride];
        for (var i = 0; i < starts.Length; i++)
        {
            starts[i] = i * sequenceStride;
        }

        if (shuffle)
        {
            new Random(seed ?? Random.Shared.Next(1_000_000)).Shuffle(starts);
        }

        return new TimeseriesDataset(RowGather.Of(data, nameof(data)), targets is null ? null : RowGather.Of(targets, nameof(targets)),
            starts, sequenceLength, samplingRate, start, batchSize);
    }

    private sealed class BatchList(TimeseriesDataset dataset) : IReadOnlyList<(NDArray X, NDArray? Y)>
    {
        public int Count => dataset.Count;

        public (NDArray X, NDArray? Y) this[int index] => dataset[index];

        public IEnumerator<(NDArray X, NDArray? Y)> GetEnumerator() => dataset.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
