using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class MeanAbsolutePercentageErrorTests
{
    [Fact]
    public void Call_KerasDocstring_Is6_1111()
    {
        // 100 · (10/100 + 10/200 + 10/300)/3 = 100 · 0.183333/3 = 6.1111
        var expected = 100 * (10.0 / 100 + 10.0 / 200 + 10.0 / 300) / 3;
        Near(expected, new MeanAbsolutePercentageError().Call(T(100f, 200f, 300f), T(90f, 210f, 310f)), 1e-4);
    }

    [Fact]
    public void Function_ZeroTarget_DividesByEpsilonAndStaysFinite()
    {
        // |0 - 1| / max(|0|, ε) · 100 = 100/ε = 1e9 (ε = 1e-7 in float32)
        var value = Scalar(LossFunctions.MeanAbsolutePercentageError(T(0f), T(1f)));
        Assert.True(double.IsFinite(value));
        Assert.InRange(value / (100 / Eps), 1 - 1e-6, 1 + 1e-6);
    }
}
