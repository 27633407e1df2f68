using DeepKeras.Layers;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Regularization;

public class GaussianNoiseTests
{
    [Fact]
    public void Call_Training_AddsZeroMeanNoiseWithStddev()
    {
        Keras.Utils.SetRandomSeed(0);
        var x = full(200_000, 1, 3f);
        var noise = new GaussianNoise(0.2).Apply(x, training: true) - x;

        // 200,000 draws of N(0, 0.2²): the sample mean is within 0.2/√200000 ≈ 0.00045 per σ, the std within ~0.0003.
        TestData.Near(0, noise.mean().item<float>(), 0.003, "noise mean");
        TestData.Near(0.2, noise.std().item<float>(), 0.003, "noise std");
    }

    [Fact]
    public void Call_Inference_ReturnsInputUnchanged()
    {
        var x = randn(64, 5);
        var y = new GaussianNoise(0.5).Apply(x, training: false);
        Assert.True(y.eq(x).all().item<bool>());
    }

    [Fact]
    public void Predict_InModel_NoNoiseButFitTrainsWithIt()
    {
        Keras.Utils.SetRandomSeed(1);
        var model = Keras.Sequential(Keras.Input(shape: 4), Keras.Layers.GaussianNoise(0.5));
        var x = randn(10, 4);
        var predicted = DeepKeras.Training.TensorConvert.ToTensor(model.Predict(x), "p");
        Assert.True(allclose(predicted, x));
    }

    [Fact]
    public void Seed_SameSeed_SameNoiseWhateverTheGlobalSeed()
    {
        var x = zeros(3, 4);
        Keras.Utils.SetRandomSeed(1);
        var a = new GaussianNoise(0.3, seed: 7).Apply(x, training: true);
        Keras.Utils.SetRandomSeed(2);
        var b = new GaussianNoise(0.3, seed: 7).Apply(x, training: true);
        var c = new GaussianNoise(0.3, seed: 8).Apply(x, training: true);
        Assert.True(a.eq(b).all().item<bool>());
        Assert.False(a.eq(c).all().item<bool>());
    }

    [Fact]
    public void NoSeed_GlobalSeedMakesItReproducible()
    {
        var x = zeros(3, 4);
        Keras.Utils.SetRandomSeed(5);
        var a = new GaussianNoise(0.3).Apply(x, training: true);
        Keras.Utils.SetRandomSeed(5);
        var b = new GaussianNoise(0.3).Apply(x, training: true);
        Assert.True(a.eq(b).all().item<bool>());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Ctor_StddevOutsideZeroOne_Throws(double stddev)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(stddev));
        Assert.Contains("Expected a float value between 0 and 1", e.Message);
        Assert.Contains("stddev=", e.Message);
    }

    [Fact]
    public void GetConfig_HasKerasKeys()
    {
        var layer = new GaussianNoise(0.25, seed: 3, name: "noise");
        var c = layer.GetConfig();
        Assert.Equal("noise", c["name"]);
        Assert.Equal(0.25, c["stddev"]);
        Assert.Equal(3, c["seed"]);
        Assert.Equal(new Shape(null, 7), layer.ComputeOutputShape(new Shape(null, 7)));
        Assert.Equal(0, layer.CountParams());
    }
}
