using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class HingeTests
{
    [Fact]
    public void Call_BinaryLabels_AreConvertedToSigns()
    {
        // y=[[0,1],[0,0]] → [[-1,1],[-1,-1]]; p=[[0.6,0.4],[0.4,0.6]]
        // row 1: (max(1+0.6,0) + max(1-0.4,0))/2 = (1.6+0.6)/2 = 1.1; row 2: (1.4+1.6)/2 = 1.5; mean 1.3
        Near(1.3, new Hinge().Call(T(new float[,] { { 0, 1 }, { 0, 0 } }), T(new float[,] { { 0.6f, 0.4f }, { 0.4f, 0.6f } })));
    }

    [Fact]
    public void Function_SignedLabels_AreUsedAsIs()
    {
        // y=[-1,1], p=[0.6,2]: (1.6 + max(1-2,0))/2 = 0.8
        Near([0.8], LossFunctions.Hinge(T(new float[,] { { -1, 1 } }), T(new float[,] { { 0.6f, 2 } })));
    }

    [Fact]
    public void Function_NonBinaryLabels_AreNotConverted()
    {
        // y=[0.5, 0] is not all 0/1 after y=0.5 → unchanged: (max(1-0.5·2,0) + max(1-0,0))/2 = (0 + 1)/2
        Near([0.5], LossFunctions.Hinge(T(new float[,] { { 0.5f, 0 } }), T(new float[,] { { 2, 3 } })));
    }
}
