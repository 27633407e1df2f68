using DeepKeras.Optimizers;
using static DeepKeras.Tests.Optimizers.OptimizerTestUtil;

namespace DeepKeras.Tests.Optimizers;

public class RMSpropTests
{
    private const double Lr = 0.01;
    private const double Rho = 0.9;
    private const double Eps = 1e-7;

    [Fact]
    public void Step_Plain_EpsilonInsideSquareRoot()
    {
        var v = Var(W0);
        Step(new RMSprop(Lr), v, G1);
        // v1 = 0.1·g²; w1 = w0 − lr·g/√(v1 + ε). For g = 0.5: 1 − 0.01·0.5/√(0.025 + 1e-7).
        Assert.Equal(1 - 0.01 * 0.5 / Math.Sqrt(0.025 + 1e-7), Values(v)[0], 12);
        AssertClose(Map(i => W0[i] - Lr * G1[i] / Math.Sqrt((1 - Rho) * G1[i] * G1[i] + Eps)), v);
    }

    [Fact]
    public void TwoSteps_Plain_MatchesKerasRule()
    {
        var v = Var(W0);
        var opt = new RMSprop(Lr);
        Step(opt, v, G1);
        Step(opt, v, G2);
        AssertClose(Map(i =>
        {
            var v1 = (1 - Rho) * G1[i] * G1[i];
            var w1 = W0[i] - Lr * G1[i] / Math.Sqrt(v1 + Eps);
            var v2 = Rho * v1 + (1 - Rho) * G2[i] * G2[i];
            return w1 - Lr * G2[i] / Math.Sqrt(v2 + Eps);
        }), v);
    }

    [Fact]
    public void TwoSteps_CenteredWithMomentum_MatchesKerasRule()
    {
        var v = Var(W0);
        var opt = new RMSprop(Lr, momentum: 0.5, centered: true);
        Step(opt, v, G1);
        Step(opt, v, G2);
        // v = ρv + (1−ρ)g²; a = ρa + (1−ρ)g; inc = lr·g/√(v − a² + ε); m = 0.5·m + inc; w −= m
        AssertClose(Map(i =>
        {
            var v1 = (1 - Rho) * G1[i] * G1[i];
            var a1 = (1 - Rho) * G1[i];
            var m1 = Lr * G1[i] / Math.Sqrt(v1 - a1 * a1 + Eps);
            var w1 = W0[i] - m1;
            var v2 = Rho * v1 + (1 - Rho) * G2[i] * G2[i];
            var a2 = Rho * a1 + (1 - Rho) * G2[i];
            var m2 = 0.5 * m1 + Lr * G2[i] / Math.Sqrt(v2 - a2 * a2 + Eps);
            return w1 - m2;
        }), v);
    }

    [Fact]
    public void Slots_OnlyThoseTheOptionsNeed()
    {
        var plain = new RMSprop();
        var full = new RMSprop(momentum: 0.9, centered: true);
        var (a, b) = (Var(W0), Var(W0));
        Step(plain, a, G1);
        Step(full, b, G1);
        Assert.Single(plain.SlotsOf(a));
        Assert.Equal(3, full.SlotsOf(b).Count);
        // velocity + iteration + learning rate = 3 + 1 + 1
        Assert.Equal(5, plain.CountParams());
    }

    [Fact]
    public void Fit_Regression_LossFallsBelowThreshold()
    {
        var loss = TrainRegression(new RMSprop(0.02), epochs: 40);
        Assert.True(loss < 1e-2, $"final mse {loss}");
    }
}
