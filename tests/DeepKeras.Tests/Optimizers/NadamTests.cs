using DeepKeras.Optimizers;
using static DeepKeras.Tests.Optimizers.OptimizerTestUtil;

namespace DeepKeras.Tests.Optimizers;

public class NadamTests
{
    private const double Lr = 0.01;
    private const double B1 = 0.9;
    private const double B2 = 0.999;
    private const double Eps = 1e-7;

    [Fact]
    public void TwoSteps_MatchesKerasMomentumSchedule()
    {
        var v = Var(W0);
        var opt = new Nadam(Lr);
        Step(opt, v, G1);
        Step(opt, v, G2);
        AssertClose(Map(i => Reference(W0[i], [G1[i], G2[i]])), v);
        // Π2 = μ1·μ2 with μt = 0.9·(1 − 0.5·0.96ᵗ)
        Assert.Equal(0.9 * (1 - 0.5 * 0.96) * 0.9 * (1 - 0.5 * 0.96 * 0.96), opt.UProduct, 12);
    }

    [Fact]
    public void Step_One_HandValues()
    {
        var v = Var(W0);
        Step(new Nadam(Lr), v, G1);
        // μ1 = 0.9·(1 − 0.48) = 0.468, μ2 = 0.9·(1 − 0.5·0.9216) = 0.48528, Π1 = 0.468, Π1·μ2 = 0.22711104
        // g = 0.5: m = 0.05, v = 0.00025, m̂ = 0.48528·0.05/(1 − 0.22711104) + (1 − 0.468)·0.5/(1 − 0.468),
        // v̂ = 0.00025/0.001 = 0.25, w = 1 − 0.01·m̂/(0.5 + 1e-7)
        var mHat = 0.48528 * 0.05 / (1 - 0.22711104) + 0.532 * 0.5 / 0.532;
        Assert.Equal(1 - 0.01 * mHat / (0.5 + 1e-7), Values(v)[0], 10);
    }

    // Keras Nadam: μt = β1(1 − ½·0.96ᵗ), Πt = Πt−1·μt;
    // m̂ = μt+1·m/(1 − Πt·μt+1) + (1 − μt)·g/(1 − Πt); v̂ = v/(1 − β2ᵗ); w −= lr·m̂/(√v̂ + ε)
    private static double Reference(double w, double[] grads)
    {
        double m = 0, vel = 0, product = 1;
        for (var t = 1; t <= grads.Length; t++)
        {
            var g = grads[t - 1];
            var ut = B1 * (1 - 0.5 * Math.Pow(0.96, t));
            var ut1 = B1 * (1 - 0.5 * Math.Pow(0.96, t + 1));
            product *= ut;
            m += (g - m) * (1 - B1);
            vel += (g * g - vel) * (1 - B2);
            var mHat = ut1 * m / (1 - product * ut1) + (1 - ut) * g / (1 - product);
            var vHat = vel / (1 - Math.Pow(B2, t));
            w -= Lr * mHat / (Math.Sqrt(vHat) + Eps);
        }

        return w;
    }

    [Fact]
    public void Product_AdvancesOncePerApplyNotPerVariable()
    {
        var a = Var(W0);
        var b = Var(W0);
        var opt = new Nadam(Lr);
        opt.Apply([TorchSharp.torch.tensor(G1, TorchSharp.torch.float64), TorchSharp.torch.tensor(G1, TorchSharp.torch.float64)], [a, b]);
        Assert.Equal(0.468, opt.UProduct, 12);
        AssertClose(Map(i => Reference(W0[i], [G1[i]])), b);
    }

    [Fact]
    public void Fit_Regression_LossFallsBelowThreshold()
    {
        var loss = TrainRegression(new Nadam(0.05));
        Assert.True(loss < 1e-2, $"final mse {loss}");
    }
}
