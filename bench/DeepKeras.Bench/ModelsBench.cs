using System.Diagnostics;
using System.Globalization;
using DeepKeras.Layers;
using DeepKeras.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras.Bench;

/// <summary>
/// Builds, compiles, fits (a few batches) and disposes many small models in one process, as a notebook re-running a
/// training cell does, and prints the process memory after each model; with <c>Dispose</c> the native memory of each
/// model is freed at once and the memory stays flat (ratio last/first near 1). <c>models-nodispose</c> leaves every
/// model to the garbage collector's finalizers, for contrast.
/// </summary>
internal static class ModelsBench
{
    public static void Run(BenchOptions options, bool dispose)
    {
        var count = options.Models ?? 100;
        Keras.Utils.SetRandomSeed(1);
        var x = rand(512, 784);
        var y = randint(0, 10, 512);
        Console.WriteLine($"models: {count} models (Dense 784-128-10, Adam, 4 batches of 128 each), {(dispose ? "disposed" : "NOT disposed")} after training");
        double? first = null;
        double? firstNoGc = null;
        double last = 0;
        double lastNoGc = 0;
        for (var i = 1; i <= count; i++)
        {
            var model = new Sequential(new InputLayer(784), new Dense(128, activation: "relu"), new Dense(10, activation: "softmax"));
            model.Compile(optimizer: new Optimizers.Adam(), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
            model.Fit(x, y, batchSize: 128, epochs: 1, verbose: 0);
            if (dispose)
            {
                model.Dispose();
            }

            // What a notebook sees (no collection forced), then the MemoryBench probe (GC, finalizers, malloc_trim).
            using (var process = Process.GetCurrentProcess())
            {
                lastNoGc = process.WorkingSet64 / 1048576.0;
            }

            var (ws, priv, managed) = MemoryBench.Measure();
            first ??= ws;
            firstNoGc ??= lastNoGc;
            last = ws;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"model {i,3}  working set {ws,7:0.0} MiB  private {priv,7:0.0} MiB  managed {managed,6:0.0} MiB  " +
                $"before GC {lastNoGc,7:0.0} MiB  live tensors {DisposeScopeManager.Statistics.ThreadTotalLiveCount}"));
        }

        var name = dispose ? "models" : "models_nodispose";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"before-GC working set last/first={lastNoGc / firstNoGc!.Value:0.00}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RATIO {name}_mem_last_vs_first={last / first!.Value:0.00}"));
    }
}
