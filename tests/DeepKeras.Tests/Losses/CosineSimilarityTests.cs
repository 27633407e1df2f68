using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class CosineSimilarityTests
{
    [Fact]
    public void Function_KerasDocstring_IsNegativeCosine()
    {
        // [0,1]·[1,0] = 0; [1,1]·[1,1]/2 = 1 → -1; [1,1]·[-1,-1]/2 = -1 → +1
        var values = LossFunctions.CosineSimilarity(
            T(new float[,] { { 0, 1 }, { 1, 1 }, { 1, 1 } }), T(new float[,] { { 1, 0 }, { 1, 1 }, { -1, -1 } }));
        Near([0, -1, 1], values);
    }

    [Fact]
    public void Call_KerasClassDocstring_IsMinusHalf()
    {
        // per sample [0, -1], mean -0.5
        Near(-0.5, new CosineSimilarity().Call(T(new float[,] { { 0, 1 }, { 1, 1 } }), T(new float[,] { { 1, 0 }, { 1, 1 } })));
    }

    [Fact]
    public void Function_ZeroVector_GivesZero()
    {
        Near([0], LossFunctions.CosineSimilarity(T(new float[,] { { 0, 0 } }), T(new float[,] { { 3, 4 } })));
    }

    [Fact]
    public void Function_Axis0_ComparesColumns()
    {
        // columns: y=[3,4] vs p=[4,3] → cos = 24/25; y=[0,1] vs p=[0,2] → cos = 1
        var values = LossFunctions.CosineSimilarity(T(new float[,] { { 3, 0 }, { 4, 1 } }), T(new float[,] { { 4, 0 }, { 3, 2 } }), axis: 0);
        Near([-24.0 / 25, -1], values);
    }
}
