using DeepKeras.Optimizers;
using static DeepKeras.Tests.Optimizers.OptimizerTestUtil;

namespace DeepKeras.Tests.Optimizers;

public class AdamaxTests
{
    [Fact]
    public void TwoSteps_MatchesKerasRule()
    {
        const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        var v = Var(W0);
        var opt = new Adamax(lr);
        Step(opt, v, G1);
        Step(opt, v, G2);
        // m += (g − m)(1−β1); u = max(β2·u, |g|); w −= lr·m/((1−β1ᵗ)(u + ε))
        AssertClose(Map(i =>
        {
            double w = W0[i], m = 0, u = 0;
            double[] grads = [G1[i], G2[i]];
            for (var t = 1; t <= 2; t++)
            {
                var g = grads[t - 1];
                m += (g - m) * (1 - b1);
                u = Math.Max(b2 * u, Math.Abs(g));
                w -= lr * m / ((1 - Math.Pow(b1, t)) * (u + eps));
            }

            return w;
        }), v);
    }

    [Fact]
    public void Step_One_MovesByLearningRateTimesSign()
    {
        var v = Var(W0);
        Step(new Adamax(0.01), v, G1);
        // m = 0.1·g, u = |g|: w = w0 − 0.01·0.1·g/(0.1·(|g| + ε)) ≈ w0 − 0.01·sign(g)
        AssertClose([1 - 0.01 * 0.5 / (0.5 + 1e-7), -2 + 0.01 * 1.0 / (1.0 + 1e-7), 3 - 0.01 * 2.0 / (2.0 + 1e-7)], v);
    }

    [Fact]
    public void Fit_Regression_LossFallsBelowThreshold()
    {
        var loss = TrainRegression(new Adamax(0.05), epochs: 60);
        Assert.True(loss < 1e-2, $"final mse {loss}");
    }
}
