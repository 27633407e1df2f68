using DeepKeras.Losses;
using DeepKeras.Metrics;
using DeepKeras.Tests.TestUtil;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Metrics;

public class MeanMetricWrapperTests
{
    [Fact]
    public void Result_TwoWeightedUpdates_IsTheWeightedMean()
    {
        // MAE per sample: batch 1 [1, 3] (weights 1, 1), batch 2 [5] (weight 2) → (1 + 3 + 10) / (1 + 1 + 2) = 3.5
        var m = new DeepKeras.Metrics.MeanAbsoluteError();
        m.UpdateState(T(new float[,] { { 0 }, { 0 } }), T(new float[,] { { 1 }, { 3 } }), T(1f, 1f));
        m.UpdateState(T(new float[,] { { 0 } }), T(new float[,] { { 5 } }), T(2f));
        TestData.Near(3.5, m.Result());
        m.ResetState();
        TestData.Near(0, m.Result());
        m.UpdateState(T(new float[,] { { 0 } }), T(new float[,] { { 4 } }));
        TestData.Near(4, m.Result());
    }

    [Fact]
    public void LossNamedMetric_IsTheMeanOfTheLossFunction()
    {
        // "binary_crossentropy" as a metric: per-sample BCE [-(log 0.4 + log 0.4)/2, -(log 0.6 + log 0.4)/2] averaged over both batches
        var m = DeepKeras.Metrics.Metrics.Get("binary_crossentropy");
        Assert.Equal("binary_crossentropy", m.Name);
        var y = T(new float[,] { { 0, 1 }, { 0, 0 } });
        var p = T(new float[,] { { 0.6f, 0.4f }, { 0.4f, 0.6f } });
        m.UpdateState(y, p);
        m.UpdateState(y, p);
        TestData.Near((-Math.Log(0.4) - (Math.Log(0.6) + Math.Log(0.4)) / 2) / 2, m.Result());
    }

    [Fact]
    public void LossNamedMetric_Huber_MatchesTheLoss()
    {
        var m = DeepKeras.Metrics.Metrics.Get("huber");
        var y = T(new float[,] { { 0, 1 }, { 0, 0 } });
        var p = T(new float[,] { { 0.6f, 0.4f }, { 0.4f, 0.6f } });
        m.UpdateState(y, p);
        TestData.Near(Scalar(new Huber().Call(y, p)), m.Result());
    }

    [Fact]
    public void CosineSimilarityMetric_IsPositive()
    {
        // per sample [0, 1] → mean 0.5 (the loss gives -0.5)
        var m = new DeepKeras.Metrics.CosineSimilarity();
        m.UpdateState(T(new float[,] { { 0, 1 }, { 1, 1 } }), T(new float[,] { { 1, 0 }, { 1, 1 } }));
        TestData.Near(0.5, m.Result());
    }

    [Fact]
    public void SparseCategoricalCrossentropyMetric_IgnoreClass_LeavesEntriesOutOfTheMean()
    {
        var m = new DeepKeras.Metrics.SparseCategoricalCrossentropy(ignoreClass: -1);
        m.UpdateState(L(1, -1), T(new float[,] { { 0.05f, 0.95f, 0 }, { 0.1f, 0.8f, 0.1f } }));
        TestData.Near(-Math.Log(0.95), m.Result());
    }
}
