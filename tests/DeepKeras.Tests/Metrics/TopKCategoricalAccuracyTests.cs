using DeepKeras.Metrics;
using DeepKeras.Tests.TestUtil;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Metrics;

public class TopKCategoricalAccuracyTests
{
    private static readonly float[,] P = { { 0.1f, 0.9f, 0.8f }, { 0.05f, 0.95f, 0 } };
    private static readonly float[,] Y = { { 0, 0, 1 }, { 0, 1, 0 } };

    [Fact]
    public void Result_KerasDocstring_K1IsHalf()
    {
        // row 1: class 2 scores 0.8 < 0.9 (miss at k = 1); row 2: class 1 is the max (hit)
        var m = new TopKCategoricalAccuracy(k: 1);
        m.UpdateState(T(Y), T(P));
        TestData.Near(0.5, m.Result());
    }

    [Fact]
    public void Result_K2_BothHit()
    {
        var m = new TopKCategoricalAccuracy(k: 2);
        m.UpdateState(T(Y), T(P));
        TestData.Near(1.0, m.Result());
    }

    [Fact]
    public void Result_TieWithKthScore_CountsAsHit()
    {
        // classes 0 and 1 tie at 0.5; label 1 is "in" the top 1 as in Keras's in_top_k
        var m = new TopKCategoricalAccuracy(k: 1);
        m.UpdateState(T(new float[,] { { 0, 1, 0 } }), T(new float[,] { { 0.5f, 0.5f, 0.1f } }));
        TestData.Near(1.0, m.Result());
    }

    [Fact]
    public void Result_TwoUpdates_IsTheMeanOverAllSamples()
    {
        // batch 1 (k = 1): [miss, hit]; batch 2: [hit] → 2/3
        var m = new TopKCategoricalAccuracy(k: 1);
        m.UpdateState(T(Y), T(P));
        m.UpdateState(T(new float[,] { { 1, 0, 0 } }), T(new float[,] { { 0.7f, 0.2f, 0.1f } }));
        TestData.Near(2.0 / 3, m.Result());
    }

    [Fact]
    public void Constructor_NonPositiveK_Throws()
    {
        Assert.Contains("k=0", Assert.Throws<ArgumentOutOfRangeException>(() => new TopKCategoricalAccuracy(k: 0)).Message);
    }
}
