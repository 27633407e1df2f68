using System.Runtime.CompilerServices;
using DeepKeras.Training;

namespace DeepKeras.Distribution;

/// <summary>
/// This process's part of one global batch: <see cref="Local"/> of the <see cref="Global"/> samples the processes
/// compute together in a step. A process with no samples in a step (the last batch may be smaller than the number of
/// processes) runs the step on padding data with <see cref="Local"/> = 0, so that it still takes part in the step's
/// collectives while contributing nothing to gradients and metrics.
/// </summary>
/// <param name="Local">This process's real samples in the step.</param>
/// <param name="Global">All processes' samples in the step.</param>
internal sealed record BatchShare(long Local, long Global)
{
    private static readonly ConditionalWeakTable<Batch, BatchShare> Shares = new();

    [ThreadStatic]
    private static BatchShare? _current;

    /// <summary>Gets the weight of this process's gradient in the global average: <c>Local / Global</c>.</summary>
    public double Weight => Global == 0 ? 0 : (double)Local / Global;

    /// <summary>Gets whether this process only pads the step.</summary>
    public bool IsPadding => Local == 0;

    /// <summary>Gets the share of the step running on this thread, if it came from a distributed data adapter.</summary>
    public static BatchShare? Current => _current;

    /// <summary>Records the share of a batch a distributed data adapter produced.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="share">Its share.</param>
    public static Batch Attach(Batch batch, BatchShare share)
    {
        Shares.AddOrUpdate(batch, share);
        return batch;
    }

    /// <summary>Returns the share recorded for <paramref name="batch"/>, or null.</summary>
    /// <param name="batch">The batch.</param>
    public static BatchShare? Of(Batch batch) => Shares.TryGetValue(batch, out var s) ? s : null;

    /// <summary>Makes <paramref name="share"/> current on this thread until the result is disposed.</summary>
    /// <param name="share">The share of the step about to run.</param>
    public static CurrentScope Enter(BatchShare? share)
    {
        var previous = _current;
        _current = share;
        return new CurrentScope(previous);
    }

    /// <summary>Restores the previous current share.</summary>
    public readonly struct CurrentScope(BatchShare? previous) : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose() => _current = previous;
    }
}
