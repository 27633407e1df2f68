using DeepKeras.Losses;
using static DeepKeras.Tests.TestUtil.Tensors;

namespace DeepKeras.Tests.Losses;

public class KLDivergenceTests
{
    private static double Term(double t, double p)
    {
        // Keras clips both to [ε, 1] before t·log(t/p)
        t = Math.Clamp(t, Eps, 1);
        p = Math.Clamp(p, Eps, 1);
        return t * Math.Log(t / p);
    }

    [Fact]
    public void Call_KerasDocstring_Is0_458()
    {
        // y=[[0,1],[0,0]], p=[[0.6,0.4],[0.4,0.6]]: row sums of y·log(y/p), then the batch mean
        var row1 = Term(0, 0.6) + Term(1, 0.4);
        var row2 = Term(0, 0.4) + Term(0, 0.6);
        var loss = new KLDivergence().Call(T(new float[,] { { 0, 1 }, { 0, 0 } }), T(new float[,] { { 0.6f, 0.4f }, { 0.4f, 0.6f } }));
        Near((row1 + row2) / 2, loss);
        Near(0.458, loss, 1e-3);
    }

    [Fact]
    public void Function_ZeroPrediction_IsFinite()
    {
        // p = 0 is clipped to ε: 1·log(1/ε) = 16.118
        Near([Term(1, 0) + Term(0, 1)], LossFunctions.KLDivergence(T(new float[,] { { 1, 0 } }), T(new float[,] { { 0, 1 } })), 1e-4);
    }
}
