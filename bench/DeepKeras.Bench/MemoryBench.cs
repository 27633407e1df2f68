using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Training;
using TorchSharp;

namespace DeepKeras.Bench;

/// <summary>
/// Trains the MLP with <c>Fit</c> for 20 epochs on a subset and prints the process memory after each epoch; the ratio
/// epoch 20 / epoch 2 shows whether anything accumulates across batches or epochs (it should stay near 1).
/// </summary>
internal static class MemoryBench
{
    public static void Run(BenchOptions options)
    {
        var epochs = options.Epochs ?? 20;
        var (x, y, source) = BenchData.Load(options.Limit ?? 10_000);
        Console.WriteLine($"memory: {source}, {x.shape[0]} samples, batch {options.BatchSize}, {epochs} epochs");

        var model = MlpBench.CreateModel();
        var probe = new MemoryProbe();
        model.Fit(x, y, batchSize: options.BatchSize, epochs: epochs, verbose: 0, callbacks: [probe]);

        var second = probe.WorkingSet[Math.Min(1, probe.WorkingSet.Count - 1)];
        var last = probe.WorkingSet[^1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RATIO mem_epoch{epochs}_vs_epoch2={last / second:0.00}"));
    }

    /// <summary>Records working set and private memory at each epoch end (see <see cref="Measure"/>).</summary>
    private sealed class MemoryProbe : Callback
    {
        public List<double> WorkingSet { get; } = [];

        public override void OnEpochEnd(int epoch, Logs logs)
        {
            var (ws, priv, managed) = Measure();
            WorkingSet.Add(ws);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch + 1,2}  loss {logs["loss"]:0.0000}  working set {ws,7:0.0} MiB  private {priv,7:0.0} MiB  " +
                $"managed {managed,6:0.0} MiB  live tensors {DisposeScopeManager.Statistics.ThreadTotalLiveCount}"));
        }
    }

    /// <summary>
    /// Measures working set, private and managed memory in MiB after a full aggressive GC and (on glibc) <c>malloc_trim</c>,
    /// so the figures show memory still in use rather than freed pages the allocator has not yet returned.
    /// </summary>
    public static (double WorkingSet, double Private, double Managed) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // Aggressive also returns the GC heap's free regions to the OS now rather than decommitting them over time.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNativeHeap();
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64 / 1048576.0, process.PrivateMemorySize64 / 1048576.0, GC.GetTotalMemory(false) / 1048576.0);
    }

    private static void TrimNativeHeap()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            MallocTrim(0);
        }
        catch (EntryPointNotFoundException)
        {
            // Not glibc (e.g. musl): the figures then include the allocator's free pages.
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
