using DeepKeras.Optimizers.Schedules;

namespace DeepKeras.Tests.Optimizers.Schedules;

public class LearningRateScheduleTests
{
    [Fact]
    public void ExponentialDecay_ContinuousAndStaircase()
    {
        var s = new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5);
        Assert.Equal(0.1, s.Call(0), 12);
        Assert.Equal(0.1 * Math.Pow(0.5, 0.5), s.Call(5), 12);
        Assert.Equal(0.025, s.Call(20), 12);
        var stairs = new ExponentialDecay(0.1, 10, 0.5, staircase: true);
        Assert.Equal(0.1, stairs.Call(9), 12);
        Assert.Equal(0.05, stairs.Call(10), 12);
        Assert.Equal(0.05, stairs.Call(19), 12);
    }

    [Fact]
    public void ExponentialDecay_NonPositiveSteps_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(0.1, 0, 0.5));
        Assert.StartsWith("Argument `decay_steps` must be > 0. Received: decay_steps=0", e.Message);
    }

    [Fact]
    public void PiecewiseConstantDecay_BoundariesAreInclusiveOnTheLeftValue()
    {
        var s = new PiecewiseConstantDecay([100, 110], [1.0, 0.5, 0.1]);
        Assert.Equal(1.0, s.Call(0));
        Assert.Equal(1.0, s.Call(100));
        Assert.Equal(0.5, s.Call(101));
        Assert.Equal(0.5, s.Call(110));
        Assert.Equal(0.1, s.Call(111));
        var e = Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([1, 2], [0.1, 0.2]));
        Assert.StartsWith("The length of boundaries should be 1 less than the length of values.", e.Message);
    }

    [Fact]
    public void InverseTimeDecay_Formula()
    {
        var s = new InverseTimeDecay(0.1, decaySteps: 1, decayRate: 0.5);
        // 0.1 / (1 + 0.5·step)
        Assert.Equal(0.1, s.Call(0), 12);
        Assert.Equal(0.1 / 3.0, s.Call(4), 12);
        var stairs = new InverseTimeDecay(0.1, decaySteps: 10, decayRate: 1.0, staircase: true);
        Assert.Equal(0.1, stairs.Call(9), 12);
        Assert.Equal(0.05, stairs.Call(15), 12);
    }

    [Fact]
    public void CosineDecay_NoWarmup()
    {
        var s = new CosineDecay(0.1, decaySteps: 100, alpha: 0.1);
        // 0.1·((1 − 0.1)·½(1 + cos(π·step/100)) + 0.1)
        Assert.Equal(0.1, s.Call(0), 12);
        Assert.Equal(0.1 * (0.9 * 0.5 + 0.1), s.Call(50), 12);
        Assert.Equal(0.1 * (0.9 * 0.5 * (1 + Math.Cos(Math.PI * 0.25)) + 0.1), s.Call(25), 12);
        Assert.Equal(0.01, s.Call(100), 12);
        Assert.Equal(0.01, s.Call(1000), 12);
    }

    [Fact]
    public void CosineDecay_Warmup_LinearThenCosineFromTarget()
    {
        var s = new CosineDecay(0.0, decaySteps: 100, warmupTarget: 0.2, warmupSteps: 10);
        Assert.Equal(0.0, s.Call(0), 12);
        Assert.Equal(0.1, s.Call(5), 12);
        Assert.Equal(0.2, s.Call(10), 12);
        Assert.Equal(0.2 * 0.5 * (1 + Math.Cos(Math.PI * 0.5)), s.Call(60), 12);
        Assert.Equal(0.0, s.Call(500), 12);
    }

    [Fact]
    public void PolynomialDecay_LinearAndCycle()
    {
        var s = new PolynomialDecay(0.1, decaySteps: 10, endLearningRate: 0.01);
        // (0.1 − 0.01)·(1 − step/10) + 0.01
        Assert.Equal(0.1, s.Call(0), 12);
        Assert.Equal(0.055, s.Call(5), 12);
        Assert.Equal(0.01, s.Call(50), 12);
        var cyc = new PolynomialDecay(0.1, decaySteps: 10, endLearningRate: 0.0, cycle: true);
        // step 15: decay steps become 10·⌈1.5⌉ = 20 → 0.1·(1 − 0.75)
        Assert.Equal(0.025, cyc.Call(15), 12);
    }

    [Fact]
    public void CosineDecayRestarts_RestartsAndGrowsPeriods()
    {
        var s = new CosineDecayRestarts(1.0, firstDecaySteps: 10, tMul: 2.0, mMul: 0.5);
        Assert.Equal(1.0, s.Call(0), 12);
        Assert.Equal(0.5, s.Call(5), 12);
        // Second period: steps 10..30 (twice as long), peak 0.5.
        Assert.Equal(0.5, s.Call(10), 9);
        Assert.Equal(0.25, s.Call(20), 9);
        var flat = new CosineDecayRestarts(1.0, firstDecaySteps: 10, tMul: 1.0);
        Assert.Equal(flat.Call(3), flat.Call(13), 12);
    }
}
