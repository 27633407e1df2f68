using DeepKeras.Losses;
using DeepKeras.Tests.TestUtil;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class ReductionTests
{
    // MSE per sample: ((1-2)² + (2-2)²)/2 = 0.5 and ((3-3)² + (4-6)²)/2 = 2.0
    private static readonly float[,] Y = { { 1, 2 }, { 3, 4 } };
    private static readonly float[,] P = { { 2, 2 }, { 3, 6 } };

    private static double Call(Reduction r, TorchSharp.torch.Tensor? w = null) => Scalar(new MeanSquaredError(r).Call(T(Y), T(P), w));

    [Fact]
    public void Unweighted_EachReduction()
    {
        TestData.Near(1.25, Call(Reduction.SumOverBatchSize));
        TestData.Near(2.5, Call(Reduction.Sum));
        TestData.Near(1.25, Call(Reduction.MeanWithSampleWeight));
        Near([0.5, 2.0], new MeanSquaredError(Reduction.None).Call(T(Y), T(P)));
    }

    [Fact]
    public void Weighted_EachReduction()
    {
        // weights [0.25, 2]: weighted values [0.125, 4.0]
        var w = T(0.25f, 2f);
        TestData.Near((0.125 + 4.0) / 2, Call(Reduction.SumOverBatchSize, w));
        TestData.Near(4.125, Call(Reduction.Sum, w));
        TestData.Near(4.125 / 2.25, Call(Reduction.MeanWithSampleWeight, w));
        Near([0.125, 4.0], new MeanSquaredError(Reduction.None).Call(T(Y), T(P), w));
    }

    [Fact]
    public void Weights_WithTrailingOne_AreSqueezed()
    {
        TestData.Near(4.125, Call(Reduction.Sum, T(new float[,] { { 0.25f }, { 2f } })));
    }

    [Fact]
    public void MeanWithSampleWeight_AllZeroWeights_IsZero()
    {
        TestData.Near(0, Call(Reduction.MeanWithSampleWeight, T(0f, 0f)));
    }

    [Fact]
    public void SumOverBatchSize_SequenceValues_DividesByAllSteps()
    {
        // (2, 3, 1) sequence targets: per-step errors² [[1, 0, 4], [0, 9, 1]]; weights per sample [1, 0.5]
        // weighted sum = 5 + 0.5·10 = 10, divided by 6 steps
        var y = TorchSharp.torch.zeros(2, 3, 1);
        var p = TorchSharp.torch.tensor(new float[] { 1, 0, 2, 0, 3, 1 }).reshape(2, 3, 1);
        TestData.Near(10.0 / 6, Scalar(new MeanSquaredError().Call(y, p, T(1f, 0.5f))));
    }
}
