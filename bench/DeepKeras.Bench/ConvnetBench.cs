using System.Diagnostics;

namespace DeepKeras.Bench;

/// <summary>
/// The Keras mnist_convnet (Conv2D 32 → MaxPooling2D → Conv2D 64 → MaxPooling2D → Flatten → Dropout 0.5 → Dense 10
/// softmax; Adam; sparse categorical cross-entropy; batch 128) on Fashion-MNIST: DeepKeras <c>Fit(verbose: 0)</c> on
/// channels_last (n, 28, 28, 1) images against two <see cref="RawConvnet"/> loops on the same pixels — the naive one
/// on NCHW (n, 1, 28, 28) and the best-practice channels_last one — one epoch each, interleaved.
/// </summary>
internal static class ConvnetBench
{
    public static void Run(BenchOptions options)
    {
        var (flat, y, source) = BenchData.Load(options.Limit);
        var n = flat.shape[0];
        // With one channel, NHWC and NCHW hold the pixels in the same order: both views share the data.
        var xKeras = flat.reshape(n, 28, 28, 1);
        var xTorch = flat.reshape(n, 1, 28, 28);
        Console.WriteLine($"convnet: {source}, {n} samples, batch {options.BatchSize}, {options.Rounds} rounds of " +
            "(1 epoch Fit, 1 epoch raw TorchSharp NCHW, 1 epoch raw TorchSharp channels_last)");

        var model = CreateModel();
        var raw = new RawConvnet();
        var rawShuffle = new Random(1);
        var best = new RawConvnet(channelsLast: true);
        var bestShuffle = new Random(1);

        Interleaved.Run(options.Rounds, (n + options.BatchSize - 1) / options.BatchSize,
            () =>
            {
                var clock = Stopwatch.StartNew();
                model.Fit(xKeras, y, batchSize: options.BatchSize, epochs: 1, verbose: 0);
                return n / clock.Elapsed.TotalSeconds;
            },
            new Baseline("raw", () =>
            {
                var clock = Stopwatch.StartNew();
                raw.TrainEpoch(xTorch, y, options.BatchSize, rawShuffle);
                return n / clock.Elapsed.TotalSeconds;
            }),
            new Baseline("raw_channels_last", () =>
            {
                var clock = Stopwatch.StartNew();
                best.TrainEpoch(xKeras, y, options.BatchSize, bestShuffle);
                return n / clock.Elapsed.TotalSeconds;
            }));
    }

    /// <summary>Creates and compiles the Keras mnist_convnet (seeded).</summary>
    public static Models.Sequential CreateModel()
    {
        Keras.Utils.SetRandomSeed(1);
        var model = Applications.Cnn.MnistConvnet();
        model.Compile(optimizer: new Optimizers.Adam(), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        return model;
    }
}
