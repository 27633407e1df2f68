using System.Runtime.ExceptionServices;

namespace DeepKeras.Training;

/// <summary>
/// Makes the items of a list of indices on background threads, ahead of their consumer, and hands them out in list
/// order (Keras's <c>OrderedEnqueuer</c>): at most <c>maxQueueSize</c> items are made or being made that the consumer has
/// not taken yet. An item whose making threw rethrows when its turn comes.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class OrderedPrefetcher<T> : IDisposable
{
    private readonly IReadOnlyList<int> _indices;
    private readonly Func<int, T> _make;
    private readonly int _maxQueueSize;
    private readonly Thread[] _threads;
    private readonly Dictionary<int, (T Item, ExceptionDispatchInfo? Error)> _ready = [];
    private readonly object _gate = new();
    private int _next;
    private int _taken;
    private bool _stopped;

    /// <summary>Starts the threads.</summary>
    /// <param name="indices">The indices, in the order the items are handed out.</param>
    /// <param name="make">Makes the item of an index; called from the background threads.</param>
    /// <param name="workers">The number of threads.</param>
    /// <param name="maxQueueSize">The most items made ahead of the consumer.</param>
    /// <param name="name">The threads' name, for debuggers.</param>
    public OrderedPrefetcher(IReadOnlyList<int> indices, Func<int, T> make, int workers, int maxQueueSize, string name)
    {
        _indices = indices;
        _make = make;
        _maxQueueSize = maxQueueSize;
        _threads = Enumerable.Range(0, Math.Min(workers, Math.Max(indices.Count, 1)))
            .Select(i => new Thread(Work) { IsBackground = true, Name = $"{name} worker {i}" })
            .ToArray();
        foreach (var t in _threads)
        {
            t.Start();
        }
    }

    /// <summary>Yields the items in the order of the indices, waiting for each to be made.</summary>
    public IEnumerable<T> Items()
    {
        for (var position = 0; position < _indices.Count; position++)
        {
            yield return Take(position);
        }
    }

    /// <summary>Stops the threads once they finish the items they are making; items not taken are dropped.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.PulseAll(_gate);
        }

        foreach (var t in _threads)
        {
            t.Join();
        }
    }

    private T Take(int position)
    {
        (T Item, ExceptionDispatchInfo? Error) result;
        lock (_gate)
        {
            while (!_ready.Remove(position, out result))
            {
                Monitor.Wait(_gate);
            }

            _taken = position + 1;
            Monitor.PulseAll(_gate);
        }

        result.Error?.Throw();
        return result.Item;
    }

    private void Work()
    {
        while (true)
        {
            int position;
            lock (_gate)
            {
                while (!_stopped && _next < _indices.Count && _next >= _taken + _maxQueueSize)
                {
                    Monitor.Wait(_gate);
                }

                if (_stopped || _next >= _indices.Count)
                {
                    return;
                }

                position = _next++;
            }

            (T, ExceptionDispatchInfo?) result;
            try
            {
                result = (_make(_indices[position]), null);
            }
            catch (Exception e)
            {
                result = (default!, ExceptionDispatchInfo.Capture(e));
            }

            lock (_gate)
            {
                _ready[position] = result;
                Monitor.PulseAll(_gate);
            }
        }
    }
}
