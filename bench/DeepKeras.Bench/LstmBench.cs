using System.Diagnostics;
using DeepKeras.Layers;
using DeepKeras.Models;

namespace DeepKeras.Bench;

/// <summary>
/// Fashion-MNIST read as sequences (28 rows of 28 pixels): LSTM(64) → Dense(10, softmax), Adam, sparse categorical
/// cross-entropy, batch 128. DeepKeras <c>Fit(verbose: 0)</c> against <see cref="RawLstm"/> (torch.nn.LSTM + Linear),
/// one epoch each, interleaved so that both see the same machine load.
/// </summary>
internal static class LstmBench
{
    private const int Units = 64;

    public static void Run(BenchOptions options)
    {
        // An LSTM epoch costs far more than an MLP epoch: 12,800 samples (100 batches) unless --limit says otherwise.
        var (flat, y, source) = BenchData.Load(options.Limit ?? 12_800);
        var x = flat.reshape(-1, 28, 28).DetachFromDisposeScope();
        var n = x.shape[0];
        Console.WriteLine($"lstm: {source} as 28 steps × 28 features, {n} samples, LSTM({Units}) → Dense(10), batch {options.BatchSize}, " +
            $"{options.Rounds} rounds of (1 epoch Fit, 1 epoch raw TorchSharp)");

        Keras.Utils.SetRandomSeed(1);
        var model = new Sequential(new InputLayer(new Shape(28, 28)), new LSTM(Units), new Dense(10, activation: "softmax"));
        model.Compile(optimizer: new Optimizers.Adam(), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var raw = new RawLstm(28, Units, 10);
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
}
