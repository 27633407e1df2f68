using DeepKeras.Metrics;
using DeepKeras.Tests.TestUtil;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Metrics;

public class SparseTopKCategoricalAccuracyTests
{
    private static readonly float[,] P = { { 0.1f, 0.9f, 0.8f }, { 0.05f, 0.95f, 0 } };

    [Fact]
    public void Result_KerasDocstring_K1()
    {
        // labels [2, 1]: miss, hit → 0.5; weighted [0.7, 0.3] → 0.3
        var m = new SparseTopKCategoricalAccuracy(k: 1);
        m.UpdateState(L(2, 1), T(P));
        TestData.Near(0.5, m.Result());
        m.ResetState();
        m.UpdateState(L(2, 1), T(P), T(0.7f, 0.3f));
        TestData.Near(0.3, m.Result());
    }

    [Fact]
    public void Result_LabelsWithTrailingOne_AndLargeK()
    {
        // k = 5 > 3 classes: everything is in the top k
        var m = new SparseTopKCategoricalAccuracy();
        m.UpdateState(L(new long[,] { { 2 }, { 0 } }), T(P));
        TestData.Near(1.0, m.Result());
    }

    [Fact]
    public void Result_FromSortedIds_LooksAtTheFirstKIds()
    {
        // sorted ids [[1,2,0],[1,0,2]], labels [2, 1]: k = 1 → miss, hit; k = 2 → hit, hit
        var ids = L(new long[,] { { 1, 2, 0 }, { 1, 0, 2 } });
        var k1 = new SparseTopKCategoricalAccuracy(k: 1, fromSortedIds: true);
        k1.UpdateState(L(2, 1), ids);
        TestData.Near(0.5, k1.Result());
        var k2 = new SparseTopKCategoricalAccuracy(k: 2, fromSortedIds: true);
        k2.UpdateState(L(2, 1), ids);
        TestData.Near(1.0, k2.Result());
    }
}
