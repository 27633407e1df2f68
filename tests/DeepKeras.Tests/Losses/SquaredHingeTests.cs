using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class SquaredHingeTests
{
    [Fact]
    public void Call_KerasDocstring_Is1_86()
    {
        // signs [[-1,1],[-1,-1]]: row 1 = (1.6² + 0.6²)/2 = 1.46, row 2 = (1.4² + 1.6²)/2 = 2.26; mean 1.86
        Near(1.86, new SquaredHinge().Call(T(new float[,] { { 0, 1 }, { 0, 0 } }), T(new float[,] { { 0.6f, 0.4f }, { 0.4f, 0.6f } })));
    }
}
