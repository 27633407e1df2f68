using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class MeanSquaredLogarithmicErrorTests
{
    [Fact]
    public void Call_MatchesKerasFormula()
    {
        // y=[[0,1],[0,0]], p=[[1,1],[1,0]]; zeros are replaced by ε:
        // row 1: ((log(1+1) - log(ε+1))² + (log 2 - log 2)²)/2; row 2: ((log 2 - log(1+ε))² + 0)/2
        var row = Math.Pow(Math.Log(2) - Math.Log(1 + Eps), 2) / 2;
        var loss = new MeanSquaredLogarithmicError().Call(T(new float[,] { { 0, 1 }, { 0, 0 } }), T(new float[,] { { 1, 1 }, { 1, 0 } }));
        Near(row, loss);
    }

    [Fact]
    public void Function_NegativePrediction_IsClippedToEpsilon()
    {
        // p = -5 → max(-5, ε) = ε; y = 3: (log(1+ε) - log 4)²
        Near([Math.Pow(Math.Log(1 + Eps) - Math.Log(4), 2)], LossFunctions.MeanSquaredLogarithmicError(T(new float[,] { { 3 } }), T(new float[,] { { -5 } })));
    }
}
