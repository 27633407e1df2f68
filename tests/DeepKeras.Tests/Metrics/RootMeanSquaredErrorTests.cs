using DeepKeras.Metrics;
using DeepKeras.Tests.TestUtil;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Metrics;

public class RootMeanSquaredErrorTests
{
    [Fact]
    public void Result_KerasDocstring_IsHalf()
    {
        // squared errors [[1, 0], [0, 0]] → sqrt(1/4)
        var m = new RootMeanSquaredError();
        m.UpdateState(T(new float[,] { { 0, 1 }, { 0, 0 } }), T(new float[,] { { 1, 1 }, { 0, 0 } }));
        TestData.Near(0.5, m.Result());
    }

    [Fact]
    public void Result_TwoUpdates_TakesTheRootOfThePooledMean()
    {
        // batch 1 squared errors sum 1 over 4 entries; batch 2 [0, 4] over 2 → sqrt(5/6), not the mean of the two roots
        var m = new RootMeanSquaredError();
        m.UpdateState(T(new float[,] { { 0, 1 }, { 0, 0 } }), T(new float[,] { { 1, 1 }, { 0, 0 } }));
        m.UpdateState(T(new float[,] { { 1, 1 } }), T(new float[,] { { 1, 3 } }));
        TestData.Near(Math.Sqrt(5.0 / 6), m.Result());
    }

    [Fact]
    public void Result_SampleWeights_WeightRows()
    {
        // rows' mean squared errors [0.5, 0] with weights [3, 1] → sqrt(1.5 / 4)
        var m = new RootMeanSquaredError();
        m.UpdateState(T(new float[,] { { 0, 1 }, { 0, 0 } }), T(new float[,] { { 1, 1 }, { 0, 0 } }), T(3f, 1f));
        TestData.Near(Math.Sqrt(1.5 / 4), m.Result());
    }
}
