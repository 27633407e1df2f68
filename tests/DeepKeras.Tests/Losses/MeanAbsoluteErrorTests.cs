using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class MeanAbsoluteErrorTests
{
    [Fact]
    public void Call_KerasDocstring_Is0_5667()
    {
        // (|1-1.9| + |0.3-0.3| + |1-1.8|)/3 = 1.7/3
        Near(1.7 / 3, new MeanAbsoluteError().Call(T(1f, 0.3f, 1f), T(1.9f, 0.3f, 1.8f)));
    }

    [Fact]
    public void Function_ReturnsPerSampleMeans()
    {
        // rows: (|0-1| + |1-1|)/2 = 0.5, (|2-0| + |0-3|)/2 = 2.5
        Near([0.5, 2.5], LossFunctions.MeanAbsoluteError(T(new float[,] { { 0, 1 }, { 2, 0 } }), T(new float[,] { { 1, 1 }, { 0, 3 } })));
    }
}
