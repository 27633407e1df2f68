using DeepKeras.Layers;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Regularization;

public class GaussianDropoutTests
{
    [Fact]
    public void Call_Training_MultipliesByOneCentredNoise()
    {
        Keras.Utils.SetRandomSeed(0);
        var x = full(200_000, 1, 2f);
        var factor = new GaussianDropout(0.2).Apply(x, training: true) / x;

        // rate 0.2: stddev = √(0.2 / 0.8) = 0.5; mean 1.
        TestData.Near(1, factor.mean().item<float>(), 0.005, "noise mean");
        TestData.Near(0.5, factor.std().item<float>(), 0.005, "noise std");
    }

    [Fact]
    public void Call_Inference_ReturnsInputUnchanged()
    {
        var x = randn(64, 5);
        Assert.True(new GaussianDropout(0.5).Apply(x, training: false).eq(x).all().item<bool>());
    }

    [Fact]
    public void Call_RateZero_Identity()
    {
        var x = randn(8, 3);
        Assert.True(new GaussianDropout(0).Apply(x, training: true).eq(x).all().item<bool>());
    }

    [Fact]
    public void Seed_SameSeed_SameNoise()
    {
        var x = ones(3, 4);
        Keras.Utils.SetRandomSeed(1);
        var a = new GaussianDropout(0.4, seed: 11).Apply(x, training: true);
        Keras.Utils.SetRandomSeed(2);
        var b = new GaussianDropout(0.4, seed: 11).Apply(x, training: true);
        Assert.True(a.eq(b).all().item<bool>());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void Ctor_RateOutOfRange_Throws(double rate)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianDropout(rate));
        Assert.Contains($"rate={rate}", e.Message);
    }

    [Fact]
    public void GetConfig_HasKerasKeys()
    {
        var layer = Keras.Layers.GaussianDropout(0.3, seed: 4);
        var c = layer.GetConfig();
        Assert.Equal(0.3, c["rate"]);
        Assert.Equal(4, c["seed"]);
        Assert.StartsWith("gaussian_dropout", (string)c["name"]!);
    }
}
