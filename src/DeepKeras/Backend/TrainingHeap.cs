using System.Runtime.InteropServices;

namespace DeepKeras.Backend;

/// <summary>
/// The allocator setting of a batch loop: while <c>Fit</c>, <c>Evaluate</c> or <c>Predict</c> runs its steps, glibc
/// keeps buffers up to 512 MiB on the heap, so the large per-batch buffers of a step (oneDNN's recurrent scratch and
/// workspace: about 38 MB a training step for an LSTM(64) at batch 128) are reused instead of being mmapped and faulted in again on every batch. When the loop ends,
/// the threshold returns to <see cref="NativeHeap.DefaultMmapThreshold"/>, and if the loop grew the heap by more than
/// that, the free memory is handed back to the kernel (<c>malloc_trim</c>); a heap the loop only reused stays warm.
/// </summary>
/// <remarks>
/// The built-in steps free the TorchSharp <c>Scalar</c>s they create before the next step (<see cref="ScalarScope"/>;
/// the optimizers, the common losses, metrics, layers, regularizers and constraints), so the heap reaches a steady size
/// after the first batches. Code that leaves native objects to the
/// finalizer (a custom <c>TrainStep</c> or callback using implicit <c>double</c> → <c>Scalar</c> conversions) can split
/// the freed big chunks and make the heap grow; the heap is measured every <see cref="CheckEvery"/> steps, and once it
/// has grown by more than <see cref="GrowthLimit"/> bytes since the first check, the threshold goes back to the default
/// for the rest of the loop. Nested loops (the validation pass of <c>Fit</c>, a <c>Predict</c> inside a callback) share
/// the outer loop's setting.
/// </remarks>
internal sealed class TrainingHeap : IDisposable
{
    /// <summary>The mmap threshold while a batch loop runs.</summary>
    public const int TrainingMmapThreshold = 512 << 20;

    /// <summary>The number of steps between two measures of the heap.</summary>
    public const int CheckEvery = 16;

    private const int OlderGlibcMaximum = 32 << 20;

    private static readonly Lock Gate = new();
    private static int _depth;

    private static readonly TrainingHeap Untuned = new(owner: false) { _disposed = true };

    private readonly bool _owner;
    private long _steps;
    private long _baseline = -1;
    private long _atStart;
    private bool _disposed;

    private TrainingHeap(bool owner) => _owner = owner;

    /// <summary>Gets or sets how many bytes the heap may grow after the first check before the loop falls back (1 GiB).</summary>
    internal static long GrowthLimit { get; set; } = 1L << 30;

    /// <summary>Gets whether the last loop fell back to the default threshold because its heap kept growing.</summary>
    internal static bool LastFellBack { get; private set; }

    /// <summary>Gets whether the large threshold is in effect now.</summary>
    internal static bool Active { get; private set; }

    /// <summary>Starts a batch loop's setting; dispose it when the loop ends.</summary>
    public static TrainingHeap Enter()
    {
        lock (Gate)
        {
            if (!NativeHeap.Tuned || !CanMeasure.Value)
            {
                return Untuned;
            }

            if (_depth++ > 0)
            {
                return new TrainingHeap(owner: false);
            }

            LastFellBack = false;
            Active = NativeHeap.SetMmapThreshold(TrainingMmapThreshold) || NativeHeap.SetMmapThreshold(OlderGlibcMaximum);
            return new TrainingHeap(owner: true) { _atStart = HeapBytes() };
        }
    }

    /// <summary>Counts a finished step and, every <see cref="CheckEvery"/> steps, checks that the heap stays steady.</summary>
    public void AfterStep()
    {
        if (!_owner || !Active || ++_steps % CheckEvery != 0)
        {
            return;
        }

        var heap = HeapBytes();
        if (_baseline < 0)
        {
            _baseline = heap;
        }
        else if (heap - _baseline > GrowthLimit)
        {
            lock (Gate)
            {
                Active = !NativeHeap.SetMmapThreshold(NativeHeap.DefaultMmapThreshold);
                LastFellBack = true;
            }
        }
    }

    /// <summary>Ends the setting: the default threshold again, and the free memory returned to the kernel if the loop grew the heap.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (Gate)
        {
            _depth--;
            if (_owner)
            {
                if (Active)
                {
                    NativeHeap.SetMmapThreshold(NativeHeap.DefaultMmapThreshold);
                    Active = false;
                }

                if (HeapBytes() - _atStart > NativeHeap.DefaultMmapThreshold)
                {
                    MallocTrim(0);
                }
            }
        }
    }

    // mallinfo2 came with glibc 2.33; without it the heap cannot be watched, so the threshold is not lifted.
    private static readonly Lazy<bool> CanMeasure = new(() =>
    {
        try
        {
            return HeapBytes() > 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    });

    /// <summary>The bytes glibc holds for its heaps, in use or free (mmapped chunks excluded).</summary>
    internal static long HeapBytes() => (long)Mallinfo2().Arena;

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallocInfo Mallinfo2();

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    // glibc's struct mallinfo2: ten size_t fields; only the first is read.
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct MallocInfo
    {
        public readonly nuint Arena;
        public readonly nuint Ordblks;
        public readonly nuint Smblks;
        public readonly nuint Hblks;
        public readonly nuint Hblkhd;
        public readonly nuint Usmblks;
        public readonly nuint Fsmblks;
        public readonly nuint Uordblks;
        public readonly nuint Fordblks;
        public readonly nuint Keepcost;
    }
}
