using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Losses;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Applications;

public class GeneratorEmaTests
{
    private static DeepKeras.Applications.Gan DenseGan(int seed, bool batchNorm = false)
    {
        Keras.Utils.SetRandomSeed(seed);
        var layers = new List<Layer> { new InputLayer(4), new Dense(3, biasInitializer: "ones") };
        if (batchNorm)
        {
            layers.Add(new BatchNormalization(momentum: 0.8));
        }

        layers.Add(new Dense(2));
        var generator = new Sequential(layers, "generator");
        var discriminator = new Sequential([new InputLayer(2), new Dense(4), new LeakyReLU(0.2), new Dense(1, activation: "sigmoid")], "discriminator");
        return new DeepKeras.Applications.Gan(discriminator, generator, seed: seed);
    }

    [Fact]
    public void Fit_GeneratorEndsWithTheAverage_AndTrainingContinuesFromTheRawWeights()
    {
        const double m = 0.5;
        var gan = DenseGan(1);
        gan.Compile(new SGD(0.1), new SGD(0.5), new BinaryCrossentropy());
        var raw = new List<Tensor[]>();
        var atEpochBegin = new List<Tensor[]>();
        var recorder = new Recorder(gan, raw, atEpochBegin);

        // 64 samples, batch 16: 4 steps per epoch, 2 epochs.
        Keras.Utils.SetRandomSeed(2);
        gan.Fit(randn(64, 2), epochs: 2, batchSize: 16, verbose: 0, callbacks: [new DeepKeras.Applications.GeneratorEma(m), recorder]);

        // average₁ = w₁, then average_k = 0.5·average_{k−1} + 0.5·w_k over the 8 steps.
        var expected = raw[0].Select(t => t.clone()).ToArray();
        foreach (var step in raw.Skip(1))
        {
            for (var i = 0; i < expected.Length; i++)
            {
                expected[i] = m * expected[i] + (1 - m) * step[i];
            }
        }

        Assert.Equal(8, raw.Count);
        var final = gan.Generator.Weights.Select(w => w.Value.detach()).ToArray();
        Assert.All(expected.Zip(final), p => Assert.True(allclose(p.First, p.Second, rtol: 1e-5, atol: 1e-6)));
        Assert.False(allclose(final[0], raw[^1][0]), "the generator kept its raw weights");

        // The second epoch starts from the raw weights of the first epoch's last step, not from the average.
        Assert.Equal(2, atEpochBegin.Count);
        Assert.All(raw[3].Zip(atEpochBegin[1]), p => Assert.True(p.First.eq(p.Second).all().item<bool>()));
    }

    [Fact]
    public void Fit_BatchNormStatisticsAreReestimatedForTheAverage()
    {
        // One step with a frozen generator (learning rate 0): the pre-normalization activations have mean ≈ bias = 1.
        // Training moves moving_mean from 0 only twice (the D and G halves): 1 − 0.8² = 0.36 of the way, ≈ 0.36 (times the
        // batch means, 1 give or take the noise of 32 latent draws: 0.16 for one unit with the GAN's seed-3 draws).
        // The re-estimation runs ceil(ln 0.001 / ln 0.8) = 31 passes: 1 − 0.8³¹ ≈ 0.999 of the way, ≈ 1.
        var plain = DenseGan(3, batchNorm: true);
        plain.Compile(new SGD(0.1), new SGD(0.0), new BinaryCrossentropy());
        plain.Fit(randn(32, 2), epochs: 1, batchSize: 32, verbose: 0);
        var before = ((BatchNormalization)plain.Generator.Layers[1]).MovingMean!.Value.detach();

        var averaged = DenseGan(3, batchNorm: true);
        averaged.Compile(new SGD(0.1), new SGD(0.0), new BinaryCrossentropy());
        averaged.Fit(randn(32, 2), epochs: 1, batchSize: 32, verbose: 0, callbacks: [new DeepKeras.Applications.GeneratorEma()]);
        var after = ((BatchNormalization)averaged.Generator.Layers[1]).MovingMean!.Value.detach();

        Assert.All(before.data<float>().ToArray(), v => Assert.InRange(v, 0.1f, 0.6f));
        Assert.All(after.data<float>().ToArray(), v => Assert.InRange(v, 0.85f, 1.15f));
    }

    [Fact]
    public void BadArguments_Throw()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DeepKeras.Applications.GeneratorEma(1.0));
        Assert.Contains("Expected `ema_momentum` in (0, 1). Received: ema_momentum=1", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeepKeras.Applications.GeneratorEma(0));

        var plain = Keras.Sequential(Keras.Input(shape: 2), new Dense(1));
        plain.Compile(optimizer: "sgd", loss: "mse");
        var e2 = Assert.Throws<InvalidOperationException>(() =>
            plain.Fit(ones(4, 2), ones(4, 1), verbose: 0, callbacks: [new DeepKeras.Applications.GeneratorEma()]));
        Assert.Contains("GeneratorEma needs an Applications.Gan", e2.Message);
    }

    private sealed class Recorder(DeepKeras.Applications.Gan gan, List<Tensor[]> afterBatch, List<Tensor[]> atEpochBegin) : Callback
    {
        public override void OnTrainBatchEnd(int batch, Logs logs) => afterBatch.Add(Copy());

        public override void OnEpochBegin(int epoch, Logs logs) => atEpochBegin.Add(Copy());

        private Tensor[] Copy() => gan.Generator.Weights.Select(w => w.Value.detach().clone().DetachFromDisposeScope()).ToArray();
    }
}
