using DeepKeras.Layers;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Core;

public class SamplingTests
{
    [Fact]
    public void Call_ManyDraws_HaveTheGivenMeanAndVariance()
    {
        Keras.Utils.SetRandomSeed(0);
        const int n = 200_000;
        var mean = tensor(new[] { 1f, -2f }).expand(n, 2).contiguous();
        var logVar = tensor(new[] { (float)Math.Log(4), (float)Math.Log(0.25) }).expand(n, 2).contiguous();

        var z = new Sampling().Apply([mean, logVar]);

        // z = μ + exp(0.5·log σ²)·ε: σ = 2 and 0.5. Standard error of the mean σ/√n ≈ 0.0045 and 0.0011;
        // of the variance σ²·√(2/n) ≈ 0.013 and 0.0008.
        var m = z.mean([0]).data<float>().ToArray();
        var v = z.var([0]).data<float>().ToArray();
        TestData.Near(1, m[0], 0.02, "mean[0]");
        TestData.Near(-2, m[1], 0.005, "mean[1]");
        TestData.Near(4, v[0], 0.06, "var[0]");
        TestData.Near(0.25, v[1], 0.004, "var[1]");
    }

    [Fact]
    public void Call_IsDifferentiable_ReparameterizationGradients()
    {
        Keras.Utils.SetRandomSeed(3);
        var mean = randn(5, 3).requires_grad_();
        var logVar = randn(5, 3).requires_grad_();
        var z = new Sampling().Apply([mean, logVar]);
        z.sum().backward();

        // ∂z/∂μ = 1; ∂z/∂logVar = 0.5·exp(0.5·logVar)·ε = 0.5·(z − μ).
        Assert.True(allclose(mean.grad!, ones(5, 3)));
        Assert.True(allclose(logVar.grad!, 0.5 * (z - mean).detach(), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Seed_SameSeed_SameDraws()
    {
        var mean = zeros(4, 2);
        var logVar = zeros(4, 2);
        Keras.Utils.SetRandomSeed(1);
        var a = new Sampling(seed: 1337).Apply([mean, logVar]);
        Keras.Utils.SetRandomSeed(2);
        var b = Keras.Layers.Sampling(seed: 1337).Apply([mean, logVar]);
        Assert.True(a.eq(b).all().item<bool>());
    }

    [Fact]
    public void Apply_Symbolic_OutputHasTheMeanShape()
    {
        var inputs = Keras.Input(shape: 8);
        var zMean = new Dense(2).Apply(inputs);
        var zLogVar = new Dense(2).Apply(inputs);
        var z = new Sampling().Apply(zMean, zLogVar);
        Assert.Equal(new Shape(null, 2), z.Shape);
    }

    [Fact]
    public void Call_WrongInputs_Throw()
    {
        var layer = new Sampling(name: "sampling_bad");
        var e1 = Assert.Throws<ArgumentException>(() => layer.Apply(zeros(2, 2)));
        Assert.Contains("expects 2 inputs [z_mean, z_log_var], but it received 1", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => layer.Apply([zeros(2, 2), zeros(2, 3)]));
        Assert.Contains("same shape", e2.Message);
    }

    [Fact]
    public void GetConfig_HasSeed()
    {
        var c = new Sampling(seed: 42, name: "sampling_cfg").GetConfig();
        Assert.Equal(42, c["seed"]);
        Assert.Equal("sampling_cfg", c["name"]);
    }
}
