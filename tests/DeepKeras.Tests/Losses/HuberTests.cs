using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class HuberTests
{
    private static readonly float[,] YTrue = { { 0, 1 }, { 0, 0 } };
    private static readonly float[,] YPred = { { 0.6f, 0.4f }, { 0.4f, 0.6f } };

    [Fact]
    public void Call_KerasDocstring_Is0_155()
    {
        // all |e| ≤ 1: row 1 = 0.5·(0.36 + 0.36)/2 = 0.18, row 2 = 0.5·(0.16 + 0.36)/2 = 0.13; mean 0.155
        Near(0.155, new Huber().Call(T(YTrue), T(YPred)));
    }

    [Fact]
    public void Call_SmallDelta_UsesLinearBranch()
    {
        // δ = 0.5: |0.6| > δ → 0.5·0.6 - 0.5·0.25 = 0.175; |0.4| ≤ δ → 0.5·0.16 = 0.08
        // row 1 = (0.175 + 0.175)/2 = 0.175, row 2 = (0.08 + 0.175)/2 = 0.1275; mean 0.15125
        Near(0.15125, new Huber(delta: 0.5).Call(T(YTrue), T(YPred)));
    }

    [Fact]
    public void Constructor_NonPositiveDelta_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Huber(delta: 0));
        Assert.Contains("Received: delta=0", e.Message);
    }
}
