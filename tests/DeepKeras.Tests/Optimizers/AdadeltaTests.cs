using DeepKeras.Optimizers;
using static DeepKeras.Tests.Optimizers.OptimizerTestUtil;

namespace DeepKeras.Tests.Optimizers;

public class AdadeltaTests
{
    [Fact]
    public void TwoSteps_MatchesKerasRule()
    {
        const double lr = 1.0, rho = 0.95, eps = 1e-7;
        var v = Var(W0);
        var opt = new Adadelta(lr);
        Step(opt, v, G1);
        Step(opt, v, G2);
        // Eg = ρEg + (1−ρ)g²; Δ = −√(Ed + ε)·g/√(Eg + ε); Ed = ρEd + (1−ρ)Δ²; w += lr·Δ
        AssertClose(Map(i =>
        {
            double w = W0[i], eg = 0, ed = 0;
            foreach (var g in new[] { G1[i], G2[i] })
            {
                eg = rho * eg + (1 - rho) * g * g;
                var delta = -Math.Sqrt(ed + eps) * g / Math.Sqrt(eg + eps);
                ed = rho * ed + (1 - rho) * delta * delta;
                w += lr * delta;
            }

            return w;
        }), v);
    }

    [Fact]
    public void Step_One_IsTinyWithKerasDefaults()
    {
        var v = Var(W0);
        Step(new Adadelta(), v, G1);
        // Eg1 = 0.05·0.25 = 0.0125, Δ = −√1e-7·0.5/√(0.0125 + 1e-7), w = 1 + 0.001·Δ
        Assert.Equal(1 - 0.001 * Math.Sqrt(1e-7) * 0.5 / Math.Sqrt(0.0125 + 1e-7), Values(v)[0], 12);
    }

    [Fact]
    public void Defaults_AreKeras()
    {
        var opt = new Adadelta();
        Assert.Equal(0.001, opt.LearningRate);
        Assert.Equal(0.95, opt.Rho);
        Assert.Equal(1e-7, opt.Epsilon);
    }

    [Fact]
    public void Fit_Regression_LossFallsBelowThreshold()
    {
        // Keras's default lr 0.001 barely moves; lr 1.0 is the original algorithm, and a larger ε speeds up its
        // slow start (the first steps are about √ε).
        var loss = TrainRegression(new Adadelta(1.0, epsilon: 1e-4), epochs: 30, batchSize: 8);
        Assert.True(loss < 1e-3, $"final mse {loss}");
    }
}
