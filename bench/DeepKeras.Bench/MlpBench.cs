using System.Diagnostics;
using DeepKeras.Layers;
using DeepKeras.Models;
using static TorchSharp.torch;

namespace DeepKeras.Bench;

/// <summary>
/// The Keras MNIST MLP (Dense 512 relu → Dropout 0.2 → Dense 512 relu → Dropout 0.2 → Dense 10 softmax; Adam;
/// sparse categorical cross-entropy; batch 128) on Fashion-MNIST: DeepKeras <c>Fit(verbose: 0)</c> against
/// <see cref="RawMlp"/>, one epoch each, interleaved so that both see the same machine load.
/// </summary>
internal static class MlpBench
{
    public static void Run(BenchOptions options)
    {
        var (x, y, source) = BenchData.Load(options.Limit);
        var n = x.shape[0];
        Console.WriteLine($"mlp: {source}, {n} samples, batch {options.BatchSize}, {options.Rounds} rounds of (1 epoch Fit, 1 epoch raw TorchSharp)");

        var model = CreateModel();
        var raw = new RawMlp();
        var rawShuffle = new Random(1);

        double FitEpoch()
        {
            var clock = Stopwatch.StartNew();
            model.Fit(x, y, batchSize: options.BatchSize, epochs: 1, verbose: 0);
            return n / clock.Elapsed.TotalSeconds;
        }

        double RawEpoch()
        {
            var clock = Stopwatch.StartNew();
            raw.TrainEpoch(x, y, options.BatchSize, rawShuffle);
            return n / clock.Elapsed.TotalSeconds;
        }

        Interleaved.Run(options.Rounds, (n + options.BatchSize - 1) / options.BatchSize, FitEpoch, RawEpoch);
    }

    /// <summary>Creates and compiles the benchmark's MLP (seeded).</summary>
    public static Sequential CreateModel()
    {
        Keras.Utils.SetRandomSeed(1);
        var model = new Sequential(
            new InputLayer(784),
            new Dense(512, activation: "relu"),
            new Dropout(0.2),
            new Dense(512, activation: "relu"),
            new Dropout(0.2),
            new Dense(10, activation: "softmax"));
        model.Compile(optimizer: new Optimizers.Adam(), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        return model;
    }
}
