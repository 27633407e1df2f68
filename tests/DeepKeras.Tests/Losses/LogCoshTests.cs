using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class LogCoshTests
{
    [Fact]
    public void Call_KerasDocstring_Is0_108()
    {
        // y=[[0,1],[0,0]], p=[[1,1],[0,0]]: row 1 = (log cosh 1 + log cosh 0)/2, row 2 = 0
        var expected = Math.Log(Math.Cosh(1)) / 2 / 2;
        var loss = new LogCosh().Call(T(new float[,] { { 0, 1 }, { 0, 0 } }), T(new float[,] { { 1, 1 }, { 0, 0 } }));
        Near(expected, loss);
        Near(0.108, loss, 1e-3);
    }

    [Fact]
    public void Function_HugeError_IsAbsMinusLog2()
    {
        // cosh(100) overflows float32, but log cosh(100) = 100 - log 2 (+ e^-200 terms)
        Near([100 - Math.Log(2)], LossFunctions.LogCosh(T(new float[,] { { 0 } }), T(new float[,] { { 100 } })), 1e-4);
    }
}
