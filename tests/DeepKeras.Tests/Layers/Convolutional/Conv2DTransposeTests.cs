using DeepKeras.Layers;
using static DeepKeras.Tests.TestUtil.Images;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Convolutional;

public class Conv2DTransposeTests
{
    [Fact]
    public void Stride2Kernel2Valid_PastesTheKernelScaledByEachPixel()
    {
        // Each input pixel v writes v·kernel into its own 2×2 block: [[1,2],[3,4]] with kernel [[1,2],[3,4]].
        var layer = Built(new Conv2DTranspose(1, 2, strides: 2, useBias: false), new Shape(null, 2, 2, 1));
        layer.Kernel!.Assign(Of([2, 2, 1, 1], 1, 2, 3, 4));
        var y = layer.Apply(Gray(new float[,] { { 1, 2 }, { 3, 4 } }));
        AssertClose(new float[,]
        {
            { 1, 2, 2, 4 },
            { 3, 4, 6, 8 },
            { 3, 6, 4, 8 },
            { 9, 12, 12, 16 },
        }, Plane(y));
    }

    [Fact]
    public void Stride1Kernel3Valid_FullCorrelation()
    {
        // Single pixel 1 with stride 1, valid: the output is the kernel itself, (1−1)·1 + 3 = 3 wide.
        var layer = Built(new Conv2DTranspose(1, 3, useBias: false), new Shape(null, 1, 1, 1));
        layer.Kernel!.Assign(arange(1, 10, dtype: float32).reshape(3, 3, 1, 1));
        AssertClose(new float[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } }, Plane(layer.Apply(ones(1, 1, 1, 1))));
    }

    [Theory]
    [InlineData(7, 3, 2, "same", -1, 14)] // n·s
    [InlineData(7, 3, 2, "valid", -1, 15)] // (n−1)·s + max(k, s) = 12 + 3
    [InlineData(7, 2, 2, "valid", -1, 14)] // 12 + 2
    [InlineData(7, 1, 3, "valid", -1, 21)] // 18 + max(1, 3): k < s leaves zero rows at the end
    [InlineData(7, 3, 2, "same", 0, 13)] // (n−1)·s + k mod 2 + output_padding = 12 + 1 + 0
    [InlineData(7, 3, 2, "same", 1, 14)]
    [InlineData(7, 4, 2, "same", 1, 13)] // 12 + 0 + 1
    [InlineData(7, 3, 2, "valid", 1, 16)] // (n−1)·s + k + output_padding = 12 + 3 + 1
    [InlineData(5, 5, 1, "same", -1, 5)]
    [InlineData(5, 4, 3, "same", -1, 15)]
    public void OutputSize_FollowsKerasFormula(int n, int k, int s, string padding, int outputPadding, int expected)
    {
        IntTuple? op = outputPadding < 0 ? null : outputPadding;
        var layer = new Conv2DTranspose(3, k, strides: s, padding: padding, outputPadding: op);
        Assert.Equal(new Shape(null, expected, expected, 3), layer.ComputeOutputShape(new Shape(null, n, n, 2)));
        Assert.Equal([2L, expected, expected, 3], layer.Apply(randn(2, n, n, 2)).shape);
    }

    [Theory]
    [InlineData(3, 2, "same")]
    [InlineData(4, 2, "same")]
    [InlineData(3, 1, "same")]
    [InlineData(5, 3, "same")]
    [InlineData(3, 2, "valid")]
    [InlineData(1, 3, "valid")]
    public void IsTheAdjointOfConv2DWithTheSameKernel(int k, int s, string padding)
    {
        // TensorFlow defines conv2d_transpose as the gradient of conv2d: ⟨T(y), x⟩ = ⟨y, C(x)⟩ when T and C share the
        // kernel, strides and padding. This pins the asymmetric "same" cropping, which torch's padding cannot express.
        Keras.Utils.SetRandomSeed(11);
        const int n = 5, cIn = 2, filters = 3;
        var t = Built(new Conv2DTranspose(filters, k, strides: s, padding: padding, useBias: false), new Shape(null, n, n, cIn));
        var yT = t.Apply(randn(2, n, n, cIn));
        var m = (int)yT.shape[1];
        var c = Built(new Conv2D(cIn, k, strides: s, padding: padding, useBias: false), new Shape(null, m, m, filters));
        c.Kernel!.Assign(t.Kernel!.Value);

        var y = randn(2, n, n, cIn);
        var x = randn(2, m, m, filters);
        var cx = c.Apply(x);
        Assert.Equal(y.shape, cx.shape);
        var lhs = (t.Apply(y) * x).sum().item<float>();
        var rhs = (y * cx).sum().item<float>();
        Assert.True(Math.Abs(lhs - rhs) < 1e-3 * Math.Max(1, Math.Abs(lhs)), $"⟨T(y), x⟩ = {lhs}, ⟨y, C(x)⟩ = {rhs}");
    }

    [Fact]
    public void KernelLayoutAndParamCount_FollowKeras()
    {
        // Kernel (kh, kw, filters, in): (3, 3, 16, 8); params 3·3·16·8 + 16 = 1,168.
        var layer = Built(new Conv2DTranspose(16, 3, strides: 2, padding: "same"), new Shape(null, 7, 7, 8));
        Assert.Equal(new Shape(3, 3, 16, 8), layer.Kernel!.Shape);
        Assert.Equal(1_168, layer.CountParams());
    }

    [Fact]
    public void OutputPadding_NotSmallerThanStride_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Conv2DTranspose(4, 3, strides: 2, outputPadding: 2));
        Assert.Contains("Strides must be greater than output padding", e.Message);
    }

    [Fact]
    public void ChannelsFirst_MatchesChannelsLast()
    {
        var last = Built(new Conv2DTranspose(3, 3, strides: 2, padding: "same"), new Shape(null, 4, 5, 2));
        var first = Built(new Conv2DTranspose(3, 3, strides: 2, padding: "same", dataFormat: "channels_first"), new Shape(null, 2, 4, 5));
        first.Kernel!.Assign(last.Kernel!.Value);
        last.Bias!.Assign(randn(3));
        first.Bias!.Assign(last.Bias.Value);
        var x = randn(2, 4, 5, 2);
        var yFirst = first.Apply(x.permute(0, 3, 1, 2).contiguous());
        Assert.True(yFirst.permute(0, 2, 3, 1).allclose(last.Apply(x), 1e-5, 1e-5));
    }
}
