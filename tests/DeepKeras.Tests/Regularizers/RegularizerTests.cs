using DeepKeras.Regularizers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Regularizers;

public class RegularizerTests
{
    private static readonly Tensor X = tensor(new[] { 1.0f, -2.0f, 3.0f });

    [Fact]
    public void L1_SumOfAbsoluteValuesTimesFactor()
    {
        // 0.1·(1 + 2 + 3)
        Assert.Equal(0.6, new L1(0.1).Call(X).item<float>(), 6);
        Assert.Equal(0.06, new L1().Call(X).item<float>(), 6);
    }

    [Fact]
    public void L2_SumOfSquaresTimesFactor_NoHalf()
    {
        // 0.1·(1 + 4 + 9)
        Assert.Equal(1.4, new L2(0.1).Call(X).item<float>(), 6);
        Assert.Equal(0.14, new L2().Call(X).item<float>(), 6);
    }

    [Fact]
    public void L1L2_BothTerms_DefaultsZero()
    {
        // 0.1·6 + 0.2·14
        Assert.Equal(3.4, new L1L2(0.1, 0.2).Call(X).item<float>(), 5);
        Assert.Equal(0.0, new L1L2().Call(X).item<float>());
        Assert.Equal(0.1 * 14, new L1L2(l2: 0.1).Call(X).item<float>(), 5);
    }

    [Fact]
    public void StringIdentifiers_ResolveWithKerasDefaults()
    {
        Regularizer l1 = "l1";
        Regularizer l2 = "l2";
        Regularizer both = "l1_l2";
        Assert.Equal(0.01, Assert.IsType<L1>(l1).Factor);
        Assert.Equal(0.01, Assert.IsType<L2>(l2).Factor);
        var l1l2 = Assert.IsType<L1L2>(both);
        Assert.Equal((0.01, 0.01), (l1l2.L1, l1l2.L2));
        // 0.01·6 + 0.01·14
        Assert.Equal(0.2, both.Call(X).item<float>(), 6);
        var e = Assert.Throws<ArgumentException>(() => DeepKeras.Regularizers.Regularizers.Get("l3"));
        Assert.StartsWith("Could not interpret regularizer identifier: l3", e.Message);
    }

    [Fact]
    public void NegativeFactor_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new L2(-0.1));
        Assert.StartsWith("Invalid value for argument l2: expected a non-negative float. Received: l2=-0.1", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new L1L2(l1: double.NaN));
    }

    [Fact]
    public void Orthogonal_RowsMode()
    {
        // Rows [1, 0] and [1, 1] normalize to [1, 0] and [1/√2, 1/√2]; their dot product is 1/√2, counted twice
        // off the diagonal; one pair: 0.01·½·(2/√2)/1.
        var w = tensor(new[] { 1.0f, 0f, 1f, 1f }).reshape(2, 2);
        Assert.Equal(0.01 * 0.5 * 2 / Math.Sqrt(2), new OrthogonalRegularizer().Call(w).item<float>(), 6);
        // Orthogonal columns give 0.
        Assert.Equal(0.0, new OrthogonalRegularizer(mode: "columns").Call(eye(3)).item<float>(), 7);
        Assert.Throws<ArgumentException>(() => new OrthogonalRegularizer().Call(X));
    }

    [Fact]
    public void GetConfig_KerasKeys()
    {
        // Keras keeps the L1 factor as a float32 tensor, so its config holds float32(0.3).
        Assert.Equal((double)0.3f, new L1(0.3).GetConfig()["l1"]);
        var c = new L1L2(0.1, 0.2).GetConfig();
        Assert.Equal(0.1, c["l1"]);
        Assert.Equal(0.2, c["l2"]);
    }
}
