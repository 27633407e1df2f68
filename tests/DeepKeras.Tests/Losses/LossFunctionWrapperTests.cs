using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class LossFunctionWrapperTests
{
    [Fact]
    public void Call_CustomFunction_GetsSameRankInputsAndIsReduced()
    {
        // y (2,) is expanded to (2,1) before the function: |1-0.5| = 0.5 and |0-0.25| = 0.25; weights [2, 4] summed → 1 + 1
        var loss = new LossFunctionWrapper((y, p) => (y - p).abs().mean([-1]), Reduction.Sum, "my_mae");
        Assert.Equal("my_mae", loss.Name);
        Near(2.0, loss.Call(T(1f, 0f), T(new float[,] { { 0.5f }, { 0.25f } }), T(2f, 4f)));
    }

    [Fact]
    public void Constructor_NullFunction_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new LossFunctionWrapper(null!));
    }
}
