using System.Diagnostics;

namespace DeepKeras.Distribution;

/// <summary>
/// Time this process spent in the gradient all-reduce (the MPI call, including the wait for slower processes), for the
/// distributed benchmark's "fraction of step time in the all-reduce".
/// </summary>
internal static class AllReduceStatistics
{
    private static long _ticks;
    private static long _calls;

    /// <summary>Gets the total time spent in gradient all-reduces.</summary>
    public static TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _ticks));

    /// <summary>Gets the number of gradient all-reduces.</summary>
    public static long Calls => Volatile.Read(ref _calls);

    /// <summary>Adds one all-reduce that started at <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    /// <param name="startTimestamp">When it started.</param>
    public static void Record(long startTimestamp)
    {
        Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - startTimestamp);
        Interlocked.Increment(ref _calls);
    }
}
