using DeepKeras.Metrics;
using DeepKeras.Tests.TestUtil;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Metrics;

public class PrecisionTests
{
    // Flattened entries: labels [0,1, 1,0, 1,1, 0,0], predictions [0.2,0.7, 0.6,0.4, 0.9,0.3, 0.55,0.1].
    internal static readonly float[,] Y = { { 0, 1 }, { 1, 0 }, { 1, 1 }, { 0, 0 } };
    internal static readonly float[,] P = { { 0.2f, 0.7f }, { 0.6f, 0.4f }, { 0.9f, 0.3f }, { 0.55f, 0.1f } };

    [Fact]
    public void Result_KerasDocstring_IsTwoThirds()
    {
        // predictions [1,0,1,1] vs labels [0,1,1,1]: TP = 2, FP = 1
        var m = new Precision();
        m.UpdateState(T(0f, 1f, 1f, 1f), T(1f, 0f, 1f, 1f));
        TestData.Near(2.0 / 3, m.Result());
        m.ResetState();
        m.UpdateState(T(0f, 1f, 1f, 1f), T(1f, 0f, 1f, 1f), T(0f, 0f, 1f, 0f));
        TestData.Near(1.0, m.Result());
    }

    [Fact]
    public void Result_DefaultThreshold_CountsStrictlyAboveHalf()
    {
        // > 0.5: 0.7 (y=1, TP), 0.6 (TP), 0.9 (TP), 0.55 (y=0, FP) → 3 / (3 + 1)
        var m = new Precision();
        m.UpdateState(T(Y), T(P));
        TestData.Near(0.75, m.Result());
    }

    [Fact]
    public void Results_SeveralThresholds_OnePerThresholdInGivenOrder()
    {
        // > 0.8: 0.9 → 1/1; > 0.3: 0.7, 0.6, 0.4 (FP), 0.9, 0.55 (FP) → 3/5; > 0.5 → 3/4
        var m = new Precision([0.8, 0.3, 0.5]);
        m.UpdateState(T(Y), T(P));
        var r = m.Results();
        TestData.Near(1.0, r[0]);
        TestData.Near(0.6, r[1]);
        TestData.Near(0.75, r[2]);
        TestData.Near(1.0, m.Result());
    }

    [Fact]
    public void Result_SampleWeights_WeightEachRow()
    {
        // row weights [1, 0, 0.5, 2]: TP = 0.7 (w 1) + 0.6 (w 0) + 0.9 (w 0.5) = 1.5; FP = 0.55 (w 2) = 2
        var m = new Precision();
        m.UpdateState(T(Y), T(P), T(1f, 0f, 0.5f, 2f));
        TestData.Near(1.5 / 3.5, m.Result());
    }

    [Fact]
    public void Result_TwoUpdates_PoolsTheCounts()
    {
        // batch 1: TP 1, FP 1 (0.5 alone); batch 2: TP 2, FP 0 (1.0 alone) → pooled (1 + 2) / (2 + 2) = 0.75
        var m = new Precision();
        m.UpdateState(T(1f, 0f), T(0.9f, 0.8f));
        TestData.Near(0.5, m.Result());
        m.UpdateState(T(1f, 1f, 0f), T(0.9f, 0.7f, 0.2f));
        TestData.Near(0.75, m.Result());
    }

    [Fact]
    public void Result_TopK_OnlyTheHighestPredictionsCount()
    {
        var y = T(new float[,] { { 1, 0, 1 }, { 0, 1, 1 } });
        var p = T(new float[,] { { 0.9f, 0.8f, 0.1f }, { 0.2f, 0.3f, 0.7f } });
        // k = 1: 0.9 (y=1), 0.7 (y=1) → 2/2
        var top1 = new Precision(topK: 1);
        top1.UpdateState(y, p);
        TestData.Near(1.0, top1.Result());
        // k = 2, no threshold: 0.9 (TP), 0.8 (FP), 0.7 (TP), 0.3 (TP) → 3/4
        var top2 = new Precision(topK: 2);
        top2.UpdateState(y, p);
        TestData.Near(0.75, top2.Result());
        // k = 2 and threshold 0.5: 0.3 drops out → 2/3
        var top2Half = new Precision(0.5, topK: 2);
        top2Half.UpdateState(y, p);
        TestData.Near(2.0 / 3, top2Half.Result());
    }

    [Fact]
    public void Result_ClassId_ScoresOneColumn()
    {
        // column 2: labels [1, 1], predictions [0.1, 0.7] → one positive prediction, correct
        var m = new Precision(classId: 2);
        m.UpdateState(T(new float[,] { { 1, 0, 1 }, { 0, 1, 1 } }), T(new float[,] { { 0.9f, 0.8f, 0.1f }, { 0.2f, 0.3f, 0.7f } }));
        TestData.Near(1.0, m.Result());
    }

    [Fact]
    public void Result_NoPositivePredictions_IsZero()
    {
        var m = new Precision();
        TestData.Near(0, m.Result());
        m.UpdateState(T(1f, 0f), T(0.1f, 0.2f));
        TestData.Near(0, m.Result());
    }

    [Fact]
    public void Constructor_ThresholdOutsideUnitInterval_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Precision(1.5));
        Assert.Contains("Threshold values must be in [0, 1]", e.Message);
    }
}
