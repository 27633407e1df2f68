using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class MeanSquaredErrorTests
{
    [Fact]
    public void Call_KerasDocstring2x2_IsHalf()
    {
        // per sample: ((0-1)² + (1-1)²)/2 = 0.5 and ((0-1)² + (0-0)²)/2 = 0.5; mean 0.5
        var loss = new MeanSquaredError().Call(T(new float[,] { { 0, 1 }, { 0, 0 } }), T(new float[,] { { 1, 1 }, { 1, 0 } }));
        Near(0.5, loss);
    }

    [Fact]
    public void Call_KerasDocstringVector_Is0_02()
    {
        // (0.1² + 0.1² + 0.2²)/3 = 0.06/3 = 0.02
        Near(0.02, new MeanSquaredError().Call(T(1f, 0f, 1f), T(0.9f, 0.1f, 0.8f)));
    }

    [Fact]
    public void Function_LabelsWithoutTrailingAxis_AreExpandedNotBroadcast()
    {
        // y (2,) vs p (2,1): y becomes (2,1); per sample (1-0.5)² = 0.25 and (0-0.25)² = 0.0625
        var values = LossFunctions.MeanSquaredError(T(1f, 0f), T(new float[,] { { 0.5f }, { 0.25f } }));
        Near([0.25, 0.0625], values);
    }
}
