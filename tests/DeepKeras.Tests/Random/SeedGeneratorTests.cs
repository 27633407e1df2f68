using DeepKeras.Layers;
using DeepKeras.Tests.TestUtil;
using static DeepKeras.Keras.Random;
using static TorchSharp.torch;

namespace DeepKeras.Tests.KerasRandom;

public sealed class SeedGeneratorTests
{
    [Fact]
    public void IntSeed_GivesTheSameValuesOnEveryCall()
    {
        var a = Normal((3, 4), seed: 5);
        var b = Normal((3, 4), seed: 5);
        var c = Normal((3, 4), seed: 6);
        Assert.True(TestData.Same(a, b));
        Assert.False(TestData.Same(a, c));
    }

    [Fact]
    public void SeedGenerator_AdvancesAndItsSequenceIsFixedBySeed()
    {
        var g1 = new SeedGenerator(7);
        var (a1, a2) = (Normal(8, seed: g1), Normal(8, seed: g1));
        var g2 = new SeedGenerator(7);
        var (b1, b2) = (Normal(8, seed: g2), Normal(8, seed: g2));
        Assert.False(TestData.Same(a1, a2));
        Assert.True(TestData.Same(a1, b1));
        Assert.True(TestData.Same(a2, b2));
        Assert.Equal(7, g1.Seed);
    }

    [Fact]
    public void SeedGenerator_FirstDraw_EqualsTheIntSeedDraw() =>
        Assert.True(TestData.Same(Uniform(10, seed: new SeedGenerator(9)), Uniform(10, seed: 9)));

    [Fact]
    public void NullSeed_UsesTheGlobalGenerator_SeededBySetRandomSeed()
    {
        Keras.Utils.SetRandomSeed(3);
        var a1 = Normal(6);
        var a2 = Normal(6);
        Keras.Utils.SetRandomSeed(3);
        var b1 = Normal(6);
        Assert.True(TestData.Same(a1, b1));
        Assert.False(TestData.Same(a1, a2));
        Assert.Null(new SeedGenerator().Seed);
    }

    [Fact]
    public void SeededDraws_DoNotDisturbTheGlobalSequence()
    {
        Keras.Utils.SetRandomSeed(1);
        var expected = Normal(5);
        Keras.Utils.SetRandomSeed(1);
        _ = Normal(100, seed: 4);
        _ = Dropout(ones(50), 0.5, seed: new SeedGenerator(2));
        Assert.True(TestData.Same(Normal(5), expected));
    }

    [Fact]
    public void Layers_KeepTheirSeededDraws()
    {
        // The internal users of the generator: a seeded GaussianNoise draws the same noise as Normal with its seed.
        var x = zeros(4, 5);
        var noise = new GaussianNoise(0.3, seed: 21).Apply(x, training: true);
        Assert.True(TestData.Same(noise, Normal((4, 5), stddev: 0.3, seed: 21)));
    }

    /// <summary>The Sampling layer of the Keras VAE guide: a SeedGenerator in a field, Keras.Random.Normal in Call.</summary>
    private sealed class GuideSampling(int seed) : Layer
    {
        private readonly SeedGenerator _seedGenerator = new(seed);

        protected override Tensor Call(IReadOnlyList<Tensor> inputs, bool training)
        {
            var (zMean, zLogVar) = (inputs[0], inputs[1]);
            var epsilon = Normal(Keras.Ops.Shape(zMean), seed: _seedGenerator);
            return zMean + Keras.Ops.Exp(0.5 * zLogVar) * epsilon;
        }
    }

    [Fact]
    public void LayerHoldingASeedGenerator_DrawsNewNoiseEachCall_AndReproducesItsSequence()
    {
        var (mean, logVar) = (zeros(3, 2), zeros(3, 2));
        var layer = new GuideSampling(1337);
        var first = layer.Apply([mean, logVar]);
        var second = layer.Apply([mean, logVar]);
        var again = new GuideSampling(1337).Apply([mean, logVar]);
        Assert.False(TestData.Same(first, second));
        Assert.True(TestData.Same(first, again));
        Assert.True(TestData.Same(first, Normal((3, 2), seed: 1337)));
    }

    [Fact]
    public void LayerHoldingASeedGenerator_TrainsInFit_Reproducibly()
    {
        static IReadOnlyList<double> Train()
        {
            Keras.Utils.SetRandomSeed(0);
            var inputs = Keras.Input(shape: 4);
            var zMean = new Dense(2).Apply(inputs);
            var zLogVar = new Dense(2).Apply(inputs);
            var z = new GuideSampling(5).Apply(zMean, zLogVar);
            var model = Keras.Model(inputs, new Dense(4).Apply(z));
            model.Compile(optimizer: "adam", loss: "mse");
            var x = Uniform((64, 4), seed: 1);
            return model.Fit(x, x, batchSize: 16, epochs: 3, verbose: 0)["loss"];
        }

        var a = Train();
        var b = Train();
        Assert.Equal(3, a.Count);
        Assert.All(a, l => Assert.True(double.IsFinite(l)));
        Assert.Equal(a, b);
    }
}
