using DeepKeras.Layers;
using DeepKeras.Tests.TestUtil;
using static DeepKeras.Tests.TestUtil.Images;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Normalization;

public class LayerNormalizationTests
{
    [Fact]
    public void LastAxis_NormalizesEachSampleOnItsOwn()
    {
        // Row [1, 2, 3]: mean 2, var 2/3. Row [2, 4, 12]: mean 6, var (16 + 4 + 36)/3 = 56/3. ε = 1e-3.
        var y = new LayerNormalization().Apply(Of([2, 3], 1, 2, 3, 2, 4, 12));
        double a = Math.Sqrt((2.0 / 3) + 1e-3), b = Math.Sqrt((56.0 / 3) + 1e-3);
        AssertClose([(float)(-1 / a), 0f, (float)(1 / a), (float)(-4 / b), (float)(-2 / b), (float)(6 / b)], y, 1e-5);
    }

    [Fact]
    public void SameInTrainingAndInference()
    {
        var ln = new LayerNormalization();
        var x = randn(3, 5);
        Assert.True(ln.Apply(x, training: true).allclose(ln.Apply(x, training: false)));
    }

    [Fact]
    public void SeveralAxes_GammaShapedLikeThem_EachSampleMean0Var1()
    {
        var ln = new LayerNormalization([1, 2]);
        var x = randn(2, 4, 3, 5) * 4 + 2;
        var y = ln.Apply(x);
        Assert.Equal(new Shape(4, 3), ln.Gamma!.Shape);
        Assert.Equal(2 * 4 * 3, ln.CountParams());
        var (variance, mean) = y.var_mean([1, 2], unbiased: false);
        Assert.True(mean.abs().max().item<float>() < 1e-5);
        Assert.True((variance - 1).abs().max().item<float>() < 1e-2); // ε = 1e-3 shrinks it slightly
    }

    [Fact]
    public void NonTrailingAxis_MatchesTheFormula()
    {
        // axis 1 of (1, 2, 2): columns [1, 3] and [2, 6] → means 2, 4; vars 1, 4.
        var ln = new LayerNormalization(axis: 1);
        var y = ln.Apply(Of([1, 2, 2], 1, 2, 3, 6));
        Assert.Equal(new Shape(2), ln.Gamma!.Shape);
        double a = Math.Sqrt(1.001), b = Math.Sqrt(4.001);
        AssertClose([(float)(-1 / a), (float)(-2 / b), (float)(1 / a), (float)(2 / b)], y, 1e-5);
    }

    [Fact]
    public void BatchAxis_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new LayerNormalization(axis: 0).Apply(zeros(2, 3)));
        Assert.Contains("non-batch axis", e.Message);
        TestData.Near(1e-3, new LayerNormalization().Epsilon, 0, "default epsilon");
    }
}
