using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class CategoricalHingeTests
{
    [Fact]
    public void Call_KerasDocstring_Is1_4()
    {
        // row 1: pos = 0.4, neg = max(0.6, 0) = 0.6 → 0.6 - 0.4 + 1 = 1.2
        // row 2: pos = 0, neg = max(0.4, 0.6) = 0.6 → 1.6; mean 1.4
        Near(1.4, new CategoricalHinge().Call(T(new float[,] { { 0, 1 }, { 0, 0 } }), T(new float[,] { { 0.6f, 0.4f }, { 0.4f, 0.6f } })));
    }

    [Fact]
    public void Function_ConfidentCorrect_IsZero()
    {
        // pos = 3, neg = 1 → max(1 - 3 + 1, 0) = 0
        Near([0], LossFunctions.CategoricalHinge(T(new float[,] { { 0, 1 } }), T(new float[,] { { 1, 3 } })));
    }
}
