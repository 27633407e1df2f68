using DeepKeras.Optimizers;
using static DeepKeras.Tests.Optimizers.OptimizerTestUtil;

namespace DeepKeras.Tests.Optimizers;

public class AdamTests
{
    private const double Lr = 0.01;
    private const double B1 = 0.9;
    private const double B2 = 0.999;
    private const double Eps = 1e-7;

    [Fact]
    public void Step_One_MovesByAboutLearningRate()
    {
        var v = Var(W0);
        Step(new Adam(Lr), v, G1);
        // m1 = 0.1·g, v1 = 0.001·g², α = lr·√(1−β2)/(1−β1) = 0.01·√0.001/0.1;
        // w1 = w0 − α·m1/(√v1 + ε) = w0 − 0.01·sign(g)·|g|/(|g| + ε/√0.001) ≈ w0 − 0.01·sign(g)
        var alpha = Lr * Math.Sqrt(1 - B2) / (1 - B1);
        AssertClose(Map(i => W0[i] - alpha * (0.1 * G1[i]) / (Math.Sqrt(0.001 * G1[i] * G1[i]) + Eps)), v);
        Assert.Equal(1 - 0.01, Values(v)[0], 5);
    }

    [Fact]
    public void TwoSteps_MatchesKerasRule()
    {
        var v = Var(W0);
        var opt = new Adam(Lr);
        Step(opt, v, G1);
        Step(opt, v, G2);
        AssertClose(Map(i => Reference(i, amsgrad: false, [G1[i], G2[i]])), v);
    }

    [Fact]
    public void ThreeSteps_Amsgrad_UsesMaximumVelocity()
    {
        var v = Var(W0);
        var w = Var(W0);
        var ams = new Adam(Lr, amsgrad: true);
        var plain = new Adam(Lr);
        double[] g3 = [0.0, 0.0, 0.0];
        foreach (var g in new[] { G1, G2, g3 })
        {
            Step(ams, v, g);
            Step(plain, w, g);
        }

        AssertClose(Map(i => Reference(i, amsgrad: true, [G1[i], G2[i], 0.0])), v);
        // With g3 = 0, v3 = 0.999·v2 < v2 for the last element, so AMSGrad's step differs from Adam's.
        Assert.NotEqual(Values(v)[2], Values(w)[2]);
    }

    // m += (g − m)(1−β1); v += (g² − v)(1−β2); v̂ = max(v̂, v); w −= α_t·m/(√v̂ + ε)
    private static double Reference(int i, bool amsgrad, double[] grads)
    {
        double w = W0[i], m = 0, vel = 0, vHat = 0;
        for (var t = 1; t <= grads.Length; t++)
        {
            var g = grads[t - 1];
            var alpha = Lr * Math.Sqrt(1 - Math.Pow(B2, t)) / (1 - Math.Pow(B1, t));
            m += (g - m) * (1 - B1);
            vel += (g * g - vel) * (1 - B2);
            vHat = Math.Max(vHat, vel);
            w -= alpha * m / (Math.Sqrt(amsgrad ? vHat : vel) + Eps);
        }

        return w;
    }

    [Fact]
    public void Fit_Regression_LossFallsBelowThreshold()
    {
        var loss = TrainRegression(new Adam(0.05));
        Assert.True(loss < 1e-2, $"final mse {loss}");
    }
}
