using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class PoissonTests
{
    [Fact]
    public void Call_KerasDocstring_IsHalf()
    {
        // y=[[0,1],[0,0]], p=[[1,1],[0,0]]: row 1 = ((1 - 0·log(1+ε)) + (1 - 1·log(1+ε)))/2, row 2 = (0 + 0)/2
        var row1 = (1 + 1 - Math.Log(1 + Eps)) / 2;
        Near(row1 / 2, new Poisson().Call(T(new float[,] { { 0, 1 }, { 0, 0 } }), T(new float[,] { { 1, 1 }, { 0, 0 } })));
    }

    [Fact]
    public void Function_ZeroRateWithCounts_IsFinite()
    {
        // p = 0, y = 2: 0 - 2·log(0 + ε) = 32.236
        Near([-2 * Math.Log(Eps)], LossFunctions.Poisson(T(new float[,] { { 2 } }), T(new float[,] { { 0 } })), 1e-4);
    }
}
