using System.Diagnostics;
using System.Globalization;
using DeepKeras.Layers;
using DeepKeras.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras.Bench;

/// <summary>
/// Builds, compiles, fits (a few batches) and disposes many small models in one process, as a notebook re-running a
/// training cell does, and prints the process memory after each model (<see cref="MemoryBench.Measure"/>: GC,
/// finalizers, malloc_trim); with <c>Dispose</c> each model's native memory is freed at once and the memory stays flat
/// (ratio last/first near 1).
/// </summary>
/// <remarks>
/// <c>models-nodispose</c> is the contrast: no <c>Dispose</c>, and no collection forced between models, as in a notebook,
/// so the native memory of the weights and optimizer slots waits for the garbage collector's finalizers; its ratio is
/// over the working set as it is, and one probe after the last model shows what the finalizers give back.
/// </remarks>
internal static class ModelsBench
{
    public static void Run(BenchOptions options, bool dispose)
    {
        var count = options.Models ?? 100;
        Keras.Utils.SetRandomSeed(1);
        var x = rand(512, 784);
        var y = randint(0, 10, 512);
        Console.WriteLine(dispose
            ? $"models: {count} models (Dense 784-128-10, Adam, 4 batches of 128), each disposed after training; memory after GC + malloc_trim"
            : $"models-nodispose: {count} models (Dense 784-128-10, Adam, 4 batches of 128), none disposed, no GC forced; memory as it is");
        var memory = new List<double>();
        for (var i = 1; i <= count; i++)
        {
            var model = new Sequential(new InputLayer(784), new Dense(128, activation: "relu"), new Dense(10, activation: "softmax"));
            model.Compile(optimizer: new Optimizers.Adam(), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
            model.Fit(x, y, batchSize: 128, epochs: 1, verbose: 0);
            if (dispose)
            {
                model.Dispose();
                var (ws, priv, managed) = MemoryBench.Measure();
                memory.Add(ws);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"model {i,3}  working set {ws,7:0.0} MiB  private {priv,7:0.0} MiB  managed {managed,6:0.0} MiB  " +
                    $"live tensors {DisposeScopeManager.Statistics.ThreadTotalLiveCount}"));
            }
            else
            {
                using var process = Process.GetCurrentProcess();
                memory.Add(process.WorkingSet64 / 1048576.0);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"model {i,3}  working set {memory[^1],7:0.0} MiB  private {process.PrivateMemorySize64 / 1048576.0,7:0.0} MiB  " +
                    $"live tensors {DisposeScopeManager.Statistics.ThreadTotalLiveCount}"));
            }
        }

        if (!dispose)
        {
            var (ws, _, _) = MemoryBench.Measure();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"after a forced GC (finalizers) + malloc_trim: working set {ws:0.0} MiB"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RATIO {(dispose ? "models" : "models_nodispose")}_mem_last_vs_first={memory[^1] / memory[0]:0.00}"));
    }
}
