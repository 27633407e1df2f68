using DeepKeras.Optimizers;
using static DeepKeras.Tests.Optimizers.OptimizerTestUtil;

namespace DeepKeras.Tests.Optimizers;

public class AdamWTests
{
    [Fact]
    public void Defaults_WeightDecayIsKeras0004()
    {
        var opt = new AdamW();
        Assert.Equal(0.004, opt.WeightDecay);
        Assert.Equal(0.001, opt.LearningRate);
        Assert.Equal(0.9, opt.Beta1);
        Assert.Equal(0.999, opt.Beta2);
        Assert.Equal(1e-7, opt.Epsilon);
    }

    [Fact]
    public void TwoSteps_DecayThenAdamUpdate()
    {
        const double lr = 0.01, wd = 0.1;
        var v = Var(W0);
        var opt = new AdamW(lr, weightDecay: wd);
        Step(opt, v, G1);
        Step(opt, v, G2);
        // Each step: w ← w − w·wd·lr, then the Adam update.
        AssertClose(Map(i =>
        {
            double w = W0[i], m = 0, vel = 0;
            double[] grads = [G1[i], G2[i]];
            for (var t = 1; t <= 2; t++)
            {
                w -= w * wd * lr;
                var g = grads[t - 1];
                var alpha = lr * Math.Sqrt(1 - Math.Pow(0.999, t)) / (1 - Math.Pow(0.9, t));
                m += (g - m) * 0.1;
                vel += (g * g - vel) * 0.001;
                w -= alpha * m / (Math.Sqrt(vel) + 1e-7);
            }

            return w;
        }), v);
    }

    [Fact]
    public void Step_ZeroGradient_OnlyDecays()
    {
        var v = Var(W0);
        Step(new AdamW(0.1, weightDecay: 0.5), v, [0, 0, 0]);
        // m = v = 0 so the Adam part is 0; w·(1 − 0.5·0.1) = 0.95·w
        AssertClose([0.95, -1.9, 2.85], v);
    }

    [Fact]
    public void Fit_Regression_LossFallsBelowThreshold()
    {
        var loss = TrainRegression(new AdamW(0.05));
        Assert.True(loss < 2e-2, $"final mse {loss}");
    }
}
