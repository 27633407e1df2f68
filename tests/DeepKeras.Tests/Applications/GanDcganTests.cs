using DeepKeras.Layers;
using DeepKeras.Losses;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Applications;

public class GanDcganTests
{
    private static Tensor T(NumSharp.NDArray a) => TensorConvert.ToTensor(a, "a");

    // Trainable weights only: batch normalization's moving statistics change in every training-mode forward pass.
    private static Tensor[] Snapshot(Model m) => m.TrainableWeights.Select(w => w.Value.detach().clone()).ToArray();

    private static bool Same(Tensor[] a, Tensor[] b) => a.Zip(b).All(p => p.First.eq(p.Second).all().item<bool>());

    private static DeepKeras.Applications.Gan SmallDcgan(int seed)
    {
        Keras.Utils.SetRandomSeed(seed);
        return DeepKeras.Applications.Gan.Dcgan(latentDim: 8, outputShape: (8, 8, 1), generatorFilters: [8, 4], discriminatorFilters: [4, 8], seed: seed);
    }

    [Fact]
    public void Default_Structure_ConvTransposeBatchNormLeakyRelu()
    {
        var gan = DeepKeras.Applications.Gan.Dcgan();

        // G: Dense 128 → 7·7·128 = 6,272 without bias: 802,816; BN(6,272): 4·6,272 = 25,088; Conv2DTranspose(64, 4) on 128
        // without bias: 16·128·64 = 131,072; BN(64): 256; Conv2DTranspose(1, 4) on 64: 16·64+1 = 1,025 → 960,257.
        // D (no BatchNormalization): Conv2D(64, 4) on 1: 16·64+64 = 1,088; Conv2D(128, 4) on 64: 16·64·128+128 = 131,200;
        // Dense(1) on 7·7·128 = 6,272: 6,273 → 138,561.
        Assert.Equal(960_257, gan.Generator.CountParams());
        Assert.Equal(138_561, gan.Discriminator.CountParams());
        Assert.Equal(
            ["Dense", "BatchNormalization", "LeakyReLU", "Reshape", "Conv2DTranspose", "BatchNormalization", "LeakyReLU", "Conv2DTranspose"],
            gan.Generator.Layers.Select(l => l.ClassName));
        Assert.Equal(
            ["Conv2D", "LeakyReLU", "Conv2D", "LeakyReLU", "Flatten", "Dropout", "Dense"],
            gan.Discriminator.Layers.Select(l => l.ClassName));
        Assert.All(gan.Generator.Layers.OfType<LeakyReLU>().Concat(gan.Discriminator.Layers.OfType<LeakyReLU>()), l => Assert.Equal(0.2, l.NegativeSlope));
        Assert.Equal(128, gan.LatentDim);
        Assert.Equal([5L, 28L, 28L, 1L], T(gan.Generate(5)).shape);
        Assert.All(gan.Generator.Layers.OfType<BatchNormalization>(), l => Assert.Equal(0.99, l.Momentum));
        var fast = DeepKeras.Applications.Gan.Dcgan(latentDim: 8, outputShape: (8, 8, 1), generatorFilters: [8, 4], batchNormMomentum: 0.8);
        Assert.Equal([0.8, 0.8], fast.Generator.Layers.OfType<BatchNormalization>().Select(l => l.Momentum));
    }

    [Fact]
    public void TrainStep_DiscriminatorHalf_UpdatesOnlyTheDiscriminator()
    {
        var gan = SmallDcgan(1);
        gan.Compile(dOptimizer: new SGD(0.1), gOptimizer: new SGD(0.0), lossFn: new BinaryCrossentropy());
        var (g0, d0) = (Snapshot(gan.Generator), Snapshot(gan.Discriminator));
        gan.TrainOnBatch(rand(16, 8, 8, 1));
        Assert.True(Same(g0, Snapshot(gan.Generator)), "the generator's trainable weights changed in the discriminator's half");
        Assert.False(Same(d0, Snapshot(gan.Discriminator)), "the discriminator did not change");
    }

    [Fact]
    public void TrainStep_GeneratorHalf_UpdatesOnlyTheGenerator()
    {
        var gan = SmallDcgan(2);
        gan.Compile(dOptimizer: new SGD(0.0), gOptimizer: new SGD(0.1), lossFn: new BinaryCrossentropy());
        var (g0, d0) = (Snapshot(gan.Generator), Snapshot(gan.Discriminator));
        gan.TrainOnBatch(rand(16, 8, 8, 1));
        Assert.True(Same(d0, Snapshot(gan.Discriminator)), "the discriminator's trainable weights changed in the generator's half");
        Assert.False(Same(g0, Snapshot(gan.Generator)), "the generator did not change");
    }

    [Fact]
    public void Fit_WithMonitorAndHistory()
    {
        var gan = SmallDcgan(3);
        gan.Compile(new Adam(2e-3, beta1: 0.5), new Adam(2e-3, beta1: 0.5), new BinaryCrossentropy());
        var shapes = new List<(int Epoch, long[] Shape)>();
        Keras.Utils.SetRandomSeed(4);
        var history = gan.Fit(rand(96, 8, 8, 1), epochs: 2, batchSize: 32, verbose: 0,
            callbacks: [new DeepKeras.Applications.GanMonitor((epoch, images) => shapes.Add((epoch, images.shape)), numImages: 4, seed: 5)]);

        Assert.Equal(["d_loss", "g_loss"], history.HistoryData.Keys.Order());
        Assert.All(history["d_loss"].Concat(history["g_loss"]), v => Assert.True(double.IsFinite(v) && v > 0));
        Assert.Equal(2, history["g_loss"].Count);
        Assert.Equal([0, 1], shapes.Select(s => s.Epoch));
        Assert.All(shapes, s => Assert.Equal([4L, 8L, 8L, 1L], s.Shape));
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => DeepKeras.Applications.Gan.Dcgan(outputShape: 784));
        var odd = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.Gan.Dcgan(outputShape: (28, 28, 1), generatorFilters: [64, 32, 16]));
        Assert.Contains("divisible by 8", odd.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DeepKeras.Applications.Gan.Dcgan(latentDim: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeepKeras.Applications.Gan.Dcgan(dropout: 1.0));
    }
}
