using DeepKeras.Optimizers;
using static DeepKeras.Tests.Optimizers.OptimizerTestUtil;

namespace DeepKeras.Tests.Optimizers;

public class AdagradTests
{
    [Fact]
    public void Step_One_AccumulatorStartsAtInitialValue()
    {
        var v = Var(W0);
        Step(new Adagrad(0.1), v, G1);
        // acc = 0.1 + g²; w = w0 − lr·g/√(acc + ε). g = 0.5: 1 − 0.1·0.5/√(0.35 + 1e-7)
        Assert.Equal(1 - 0.05 / Math.Sqrt(0.35 + 1e-7), Values(v)[0], 12);
    }

    [Fact]
    public void TwoSteps_MatchesKerasRule()
    {
        const double lr = 0.1;
        var v = Var(W0);
        var opt = new Adagrad(lr, initialAccumulatorValue: 0.2);
        Step(opt, v, G1);
        Step(opt, v, G2);
        AssertClose(Map(i =>
        {
            var acc1 = 0.2 + G1[i] * G1[i];
            var w1 = W0[i] - lr * G1[i] / Math.Sqrt(acc1 + 1e-7);
            var acc2 = acc1 + G2[i] * G2[i];
            return w1 - lr * G2[i] / Math.Sqrt(acc2 + 1e-7);
        }), v);
    }

    [Fact]
    public void Defaults_AreKeras()
    {
        var opt = new Adagrad();
        Assert.Equal(0.001, opt.LearningRate);
        Assert.Equal(0.1, opt.InitialAccumulatorValue);
        Assert.Equal(1e-7, opt.Epsilon);
    }

    [Fact]
    public void Fit_Regression_LossFallsBelowThreshold()
    {
        var loss = TrainRegression(new Adagrad(0.5), epochs: 40);
        Assert.True(loss < 1e-2, $"final mse {loss}");
    }
}
