using System.Runtime.InteropServices;

namespace DeepKeras.Backend;

/// <summary>
/// Tunes glibc's allocator once per process so libtorch's large, short-lived CPU buffers are reused instead of being
/// returned to the kernel and faulted back in on every batch.
/// </summary>
/// <remarks>
/// libtorch allocates its CPU tensors with <c>malloc</c>. With glibc's defaults, buffers of a few MB (convolution
/// workspaces, activations) are mmapped or trimmed off the heap when freed and page-faulted (zeroed) again at the next
/// batch; a "same"-padded Conv2D → BatchNormalization → MaxPooling CNN (2 threads, batch 128) trains about 5× slower so.
/// Two settings keep such buffers for reuse: a 1 GiB trim threshold, and an mmap threshold of 16 MiB, so that buffers
/// up to 16 MiB come from the heap. Larger ones stay mmapped outside training: on the heap, big same-sized requests
/// interleave with small allocations that live until the next garbage collection (TorchSharp's <c>Scalar</c>s made by
/// implicit conversions from <c>double</c>, freed by their finalizers) and split the freed chunks, so the heap grows
/// by tens of MB a step while every new page is faulted in. <see cref="TrainingHeap"/> lifts the threshold while
/// the batch loops of <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> run, whose steps free what they allocate. The same as
/// <c>MALLOC_MMAP_THRESHOLD_=16777216 MALLOC_TRIM_THRESHOLD_=1073741824</c>. Nothing changes when the user set any
/// <c>MALLOC_*_</c> variable, when <c>DEEPKERAS_MALLOC=default</c>, or off glibc.
/// </remarks>
internal static class NativeHeap
{
    /// <summary>The environment variable that turns the tuning off (<c>default</c>).</summary>
    public const string Variable = "DEEPKERAS_MALLOC";

    /// <summary>The mmap threshold outside training: buffers up to this size come from the heap.</summary>
    public const int DefaultMmapThreshold = 16 << 20;

    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;

    /// <summary>Gets whether <see cref="Apply"/> tuned the allocator (Linux, glibc, no opt-out).</summary>
    public static bool Tuned { get; private set; }

    /// <summary>Gets a one-line account of the decision.</summary>
    public static string Status { get; private set; } = "malloc: not tuned";

    public static void Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            Status = "malloc: platform default";
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable(Variable)?.Trim(), "default", StringComparison.OrdinalIgnoreCase))
        {
            Status = $"malloc: glibc defaults ({Variable}=default)";
            return;
        }

        if (Environment.GetEnvironmentVariables().Keys.Cast<string>().Any(k => k.StartsWith("MALLOC_", StringComparison.Ordinal) && k.EndsWith('_')))
        {
            Status = "malloc: as set by MALLOC_* variables";
            return;
        }

        try
        {
            Tuned = SetMmapThreshold(DefaultMmapThreshold) & Mallopt(TrimThreshold, 1 << 30) == 1;
            Status = Tuned ? "malloc: buffers kept for reuse" : "malloc: glibc refused the tuning";
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            Status = "malloc: not glibc, left as is";
        }
    }

    /// <summary>Sets glibc's mmap threshold; false when glibc refuses the value (older versions take at most 32 MiB).</summary>
    public static bool SetMmapThreshold(int bytes) => Mallopt(MmapThreshold, bytes) == 1;

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int param, int value);
}
