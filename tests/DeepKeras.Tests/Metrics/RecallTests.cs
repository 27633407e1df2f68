using DeepKeras.Metrics;
using DeepKeras.Tests.TestUtil;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Metrics;

public class RecallTests
{
    [Fact]
    public void Result_KerasDocstring_IsTwoThirds()
    {
        // labels [0,1,1,1], predictions [1,0,1,1]: TP = 2, FN = 1
        var m = new Recall();
        m.UpdateState(T(0f, 1f, 1f, 1f), T(1f, 0f, 1f, 1f));
        TestData.Near(2.0 / 3, m.Result());
    }

    [Fact]
    public void Results_SeveralThresholds_MatchHandCounts()
    {
        // positives at 0.7, 0.6, 0.9, 0.3 (4). > 0.5: 0.7, 0.6, 0.9 → 3/4; > 0.8: 0.9 → 1/4; > 0.25: all four → 1
        var m = new Recall([0.5, 0.8, 0.25]);
        m.UpdateState(T(PrecisionTests.Y), T(PrecisionTests.P));
        var r = m.Results();
        TestData.Near(0.75, r[0]);
        TestData.Near(0.25, r[1]);
        TestData.Near(1.0, r[2]);
    }

    [Fact]
    public void Result_SampleWeights_WeightEachRow()
    {
        // row weights [1, 0, 0.5, 2]: positives 0.7 (w 1), 0.6 (w 0), 0.9 and 0.3 (w 0.5) → total 2; found: 1 + 0 + 0.5
        var m = new Recall();
        m.UpdateState(T(PrecisionTests.Y), T(PrecisionTests.P), T(1f, 0f, 0.5f, 2f));
        TestData.Near(1.5 / 2, m.Result());
    }

    [Fact]
    public void Result_TopK_MissesPositivesOutsideTheTopK()
    {
        // k = 1: found 0.9 (row 1) and 0.7 (row 2) of 4 positives
        var m = new Recall(topK: 1);
        m.UpdateState(T(new float[,] { { 1, 0, 1 }, { 0, 1, 1 } }), T(new float[,] { { 0.9f, 0.8f, 0.1f }, { 0.2f, 0.3f, 0.7f } }));
        TestData.Near(0.5, m.Result());
    }

    [Fact]
    public void ResetState_ClearsTheCounts()
    {
        var m = new Recall();
        m.UpdateState(T(1f, 1f), T(0.9f, 0.1f));
        TestData.Near(0.5, m.Result());
        m.ResetState();
        TestData.Near(0, m.Result());
        m.UpdateState(T(1f), T(0.9f));
        TestData.Near(1, m.Result());
    }
}
