using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Losses;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Applications;

public class GanTests
{
    private static Tensor T(NumSharp.NDArray a) => TensorConvert.ToTensor(a, "a");

    private static Tensor[] Snapshot(Model m) => m.Weights.Select(w => w.Value.detach().clone()).ToArray();

    private static bool Same(Tensor[] a, Tensor[] b) => a.Zip(b).All(p => p.First.eq(p.Second).all().item<bool>());

    private static DeepKeras.Applications.Gan SmallGan(int seed = 0)
    {
        Keras.Utils.SetRandomSeed(seed);
        return DeepKeras.Applications.Gan.Dense(latentDim: 8, outputShape: (4, 4, 1), hidden: [16, 32]);
    }

    [Fact]
    public void Dense_Structure_LeakyReluGeneratorAndDiscriminator()
    {
        var gan = SmallGan();

        // G: 8·16+16 = 144, 16·32+32 = 544, 32·16+16 = 528 → 1,216. D: 16·32+32 = 544, 32·16+16 = 528, 16·1+1 = 17 → 1,089.
        Assert.Equal(1_216, gan.Generator.CountParams());
        Assert.Equal(1_089, gan.Discriminator.CountParams());
        Assert.Equal(["Dense", "LeakyReLU", "Dense", "LeakyReLU", "Dense", "Reshape"], gan.Generator.Layers.Select(l => l.ClassName));
        Assert.Equal(["Flatten", "Dense", "LeakyReLU", "Dropout", "Dense", "LeakyReLU", "Dropout", "Dense"], gan.Discriminator.Layers.Select(l => l.ClassName));
        Assert.All(gan.Generator.Layers.OfType<LeakyReLU>(), l => Assert.Equal(0.2, l.NegativeSlope));
        Assert.Equal(8, gan.LatentDim);
    }

    [Fact]
    public void Dense_BatchNormAndOwnDiscriminatorSizes()
    {
        Keras.Utils.SetRandomSeed(0);
        var gan = DeepKeras.Applications.Gan.Dense(latentDim: 8, outputShape: (4, 4, 1), hidden: [16, 32], discriminatorHidden: [12],
            dropout: 0, batchNormMomentum: 0.8);

        // G: Dense 8·16+16 = 144, BN 4·16 = 64, Dense 16·32+32 = 544, BN 4·32 = 128, Dense 32·16+16 = 528 → 1,408.
        // D: 16·12+12 = 204, 12·1+1 = 13 → 217 (no dropout layers with dropout 0).
        Assert.Equal(1_408, gan.Generator.CountParams());
        Assert.Equal(217, gan.Discriminator.CountParams());
        Assert.Equal(["Dense", "BatchNormalization", "LeakyReLU", "Dense", "BatchNormalization", "LeakyReLU", "Dense", "Reshape"],
            gan.Generator.Layers.Select(l => l.ClassName));
        Assert.Equal(["Flatten", "Dense", "LeakyReLU", "Dense"], gan.Discriminator.Layers.Select(l => l.ClassName));
        Assert.All(gan.Generator.Layers.OfType<BatchNormalization>(), l => Assert.Equal(0.8, l.Momentum));

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DeepKeras.Applications.Gan.DenseGenerator(8, 16, [4], batchNormMomentum: 1.5));
        Assert.Contains("Expected `batch_norm_momentum` in [0, 1]. Received: batch_norm_momentum=1.5", e.Message);
    }

    [Fact]
    public void TrainStep_DiscriminatorHalf_UpdatesOnlyTheDiscriminator()
    {
        // With the generator's optimizer at learning rate 0, any change to G would come from the D half.
        var gan = SmallGan(1);
        gan.Compile(dOptimizer: new SGD(0.1), gOptimizer: new SGD(0.0), lossFn: new BinaryCrossentropy());
        var (g0, d0) = (Snapshot(gan.Generator), Snapshot(gan.Discriminator));
        gan.TrainOnBatch(rand(16, 4, 4, 1));
        Assert.True(Same(g0, Snapshot(gan.Generator)), "the generator changed in the discriminator's half");
        Assert.False(Same(d0, Snapshot(gan.Discriminator)), "the discriminator did not change");
    }

    [Fact]
    public void TrainStep_GeneratorHalf_UpdatesOnlyTheGenerator()
    {
        // With the discriminator's optimizer at learning rate 0, any change to D would come from the G half.
        var gan = SmallGan(2);
        gan.Compile(dOptimizer: new SGD(0.0), gOptimizer: new SGD(0.1), lossFn: new BinaryCrossentropy());
        var (g0, d0) = (Snapshot(gan.Generator), Snapshot(gan.Discriminator));
        gan.TrainOnBatch(rand(16, 4, 4, 1));
        Assert.True(Same(d0, Snapshot(gan.Discriminator)), "the discriminator changed in the generator's half");
        Assert.False(Same(g0, Snapshot(gan.Generator)), "the generator did not change");
    }

    [Fact]
    public void Fit_WithMonitorCallbackAndHistory()
    {
        var gan = SmallGan(3);
        gan.Compile(new Adam(1e-3), new Adam(1e-3), new BinaryCrossentropy());
        var seen = new List<(int Epoch, long[] Shape, Tensor Images)>();
        var monitor = new DeepKeras.Applications.GanMonitor((epoch, images) => seen.Add((epoch, images.shape, images.clone())), numImages: 6, seed: 9);
        var epochs = new List<int>();
        Keras.Utils.SetRandomSeed(4);
        var history = gan.Fit(rand(128, 4, 4, 1), epochs: 3, batchSize: 32, verbose: 0, callbacks: [monitor, new EpochRecorder(epochs)]);

        Assert.Equal(["d_loss", "g_loss"], history.HistoryData.Keys.Order());
        Assert.Equal(3, history["d_loss"].Count);
        Assert.All(history["d_loss"].Concat(history["g_loss"]), v => Assert.True(double.IsFinite(v) && v > 0));
        Assert.Equal([0, 1, 2], epochs);
        Assert.Equal([0, 1, 2], seen.Select(s => s.Epoch));
        Assert.All(seen, s => Assert.Equal([6L, 4L, 4L, 1L], s.Shape));
        Assert.False(seen[0].Images.eq(seen[2].Images).all().item<bool>(), "the generator's samples did not change while it trained");
    }

    [Fact]
    public void GanMonitor_UsesFixedNoise()
    {
        // A generator that never changes (learning rate 0) must give the same images every epoch.
        var gan = SmallGan(5);
        gan.Compile(new SGD(0.1), new SGD(0.0), new BinaryCrossentropy());
        var images = new List<Tensor>();
        gan.Fit(rand(64, 4, 4, 1), epochs: 2, batchSize: 32, verbose: 0,
            callbacks: [new DeepKeras.Applications.GanMonitor((_, t) => images.Add(t.clone()), numImages: 4)]);
        Assert.Equal(2, images.Count);
        Assert.True(images[0].eq(images[1]).all().item<bool>());
    }

    [Fact]
    public void GanMonitor_WorksWithAVaeAndRejectsOtherModels()
    {
        Keras.Utils.SetRandomSeed(6);
        var vae = DeepKeras.Applications.Vae.Dense(inputShape: 10, latentDim: 2, hidden: [8]);
        vae.Compile(optimizer: new Adam());
        var shapes = new List<long[]>();
        vae.Fit(rand(32, 10), epochs: 1, verbose: 0, callbacks: [new DeepKeras.Applications.GanMonitor((_, t) => shapes.Add(t.shape), numImages: 3)]);
        Assert.Equal([3L, 10L], Assert.Single(shapes));

        var plain = Keras.Sequential(Keras.Input(shape: 2), new Dense(1));
        plain.Compile(optimizer: "sgd", loss: "mse");
        var e = Assert.Throws<InvalidOperationException>(() =>
            plain.Fit(ones(4, 2), ones(4, 1), verbose: 0, callbacks: [new DeepKeras.Applications.GanMonitor((_, _) => { })]));
        Assert.Contains("GanMonitor needs a model that generates from noise", e.Message);
    }

    [Fact]
    public void Fit_OnA2DGaussian_GeneratorMovesToTheData()
    {
        Keras.Utils.SetRandomSeed(40);
        var real = randn(2000, 2) * 0.3f + tensor(new[] { 2f, -1f });
        Keras.Utils.SetRandomSeed(41);
        var generator = new Sequential([new InputLayer(4), new Dense(16), new LeakyReLU(0.2), new Dense(2)], "generator");
        var discriminator = new Sequential([new InputLayer(2), new Dense(32), new LeakyReLU(0.2), new Dense(1, activation: "sigmoid")], "discriminator");
        var gan = new DeepKeras.Applications.Gan(discriminator, generator, seed: 42);
        gan.Compile(new Adam(0.005, beta1: 0.5), new Adam(0.005, beta1: 0.5), new BinaryCrossentropy());
        var before = T(gan.Generate(1000)).mean([0]);
        gan.Fit(real, epochs: 15, batchSize: 100, verbose: 0);
        var samples = T(gan.Generate(1000));
        var mean = samples.mean([0]).data<float>().ToArray();

        // The untrained generator's samples are centred near the origin, ≥ 1.5 away from the data mean (2, −1).
        Assert.True((before - tensor(new[] { 2f, -1f })).norm().item<float>() > 1.5);
        Assert.InRange(mean[0], 1.6f, 2.4f);
        Assert.InRange(mean[1], -1.4f, -0.6f);
    }

    [Fact]
    public void Compile_Errors()
    {
        var gan = SmallGan(7);
        var adam = new Adam();
        var e = Assert.Throws<ArgumentException>(() => gan.Compile(adam, adam, new BinaryCrossentropy()));
        Assert.Contains("two optimizer instances", e.Message);

        gan.Compile(optimizer: "adam");
        var e2 = Assert.Throws<InvalidOperationException>(() => gan.Fit(rand(8, 4, 4, 1), verbose: 0));
        Assert.Contains("Compile(dOptimizer, gOptimizer, lossFn)", e2.Message);
    }

    [Fact]
    public void Generate_AndPredict_RunTheGenerator()
    {
        var gan = SmallGan(8);
        var samples = T(gan.Generate(5));
        Assert.Equal([5L, 4L, 4L, 1L], samples.shape);
        Assert.True(samples.min().item<float>() > 0 && samples.max().item<float>() < 1);
        var z = randn(3, 8);
        Assert.True(allclose(T(gan.Predict(z)), gan.Generator.Apply(z), atol: 1e-6));
        Assert.Throws<ArgumentOutOfRangeException>(() => gan.Generate(0));
    }

    private sealed class EpochRecorder(List<int> seen) : Callback
    {
        public override void OnEpochEnd(int epoch, Logs logs) => seen.Add(epoch);
    }
}
