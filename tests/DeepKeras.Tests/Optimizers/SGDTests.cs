using DeepKeras.Optimizers;
using static DeepKeras.Tests.Optimizers.OptimizerTestUtil;

namespace DeepKeras.Tests.Optimizers;

public class SGDTests
{
    [Fact]
    public void Step_NoMomentum_SubtractsLearningRateTimesGradient()
    {
        var v = Var(W0);
        Step(new SGD(0.1), v, G1);
        // w − 0.1·g = [1 − 0.05, −2 + 0.1, 3 − 0.2]
        AssertClose([0.95, -1.9, 2.8], v);
    }

    [Fact]
    public void TwoSteps_Momentum_MatchesKerasRule()
    {
        var v = Var(W0);
        var opt = new SGD(0.1, momentum: 0.9);
        Step(opt, v, G1);
        Step(opt, v, G2);
        // m1 = −lr·g1; w1 = w0 + m1; m2 = 0.9·m1 − lr·g2; w2 = w1 + m2
        var expected = Map(i =>
        {
            var m1 = -0.1 * G1[i];
            var w1 = W0[i] + m1;
            var m2 = 0.9 * m1 - 0.1 * G2[i];
            return w1 + m2;
        });
        AssertClose(expected, v);
        Assert.Equal(2, opt.Iterations);
    }

    [Fact]
    public void TwoSteps_Nesterov_MatchesKerasRule()
    {
        var v = Var(W0);
        var opt = new SGD(0.1, momentum: 0.9, nesterov: true);
        Step(opt, v, G1);
        Step(opt, v, G2);
        // m = 0.9·m − lr·g; w += 0.9·m − lr·g
        var expected = Map(i =>
        {
            var m1 = -0.1 * G1[i];
            var w1 = W0[i] + 0.9 * m1 - 0.1 * G1[i];
            var m2 = 0.9 * m1 - 0.1 * G2[i];
            return w1 + 0.9 * m2 - 0.1 * G2[i];
        });
        AssertClose(expected, v);
    }

    [Fact]
    public void Constructor_MomentumOutOfRange_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SGD(momentum: 1.5));
        Assert.Contains("`momentum` must be a float between [0, 1]", e.Message);
    }

    [Fact]
    public void Defaults_AreKeras()
    {
        var opt = new SGD();
        Assert.Equal(0.01, opt.LearningRate);
        Assert.Equal(0.0, opt.Momentum);
        Assert.False(opt.Nesterov);
        Assert.StartsWith("sgd", opt.Name);
    }

    [Fact]
    public void Fit_Regression_LossFallsBelowThreshold()
    {
        var loss = TrainRegression(new SGD(0.05, momentum: 0.9));
        Assert.True(loss < 1e-3, $"final mse {loss}");
    }
}
