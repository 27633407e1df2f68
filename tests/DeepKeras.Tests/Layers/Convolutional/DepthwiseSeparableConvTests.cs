using DeepKeras.Layers;
using static DeepKeras.Tests.TestUtil.Images;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Convolutional;

public class DepthwiseSeparableConvTests
{
    [Fact]
    public void Depthwise_EachChannelHasItsOwnFilters_OutputOrderChannelMajor()
    {
        // Channels are constant 1 and 10 on a 3×3 image; 2×2 kernel, depth_multiplier 2. Filter j of channel c is all
        // (c·2 + j + 1): channel 0 → 1, 2; channel 1 → 3, 4. Valid output per position: 4 cells · value · weight:
        // out 0 = 4·1·1 = 4, out 1 = 4·1·2 = 8, out 2 = 4·10·3 = 120, out 3 = 4·10·4 = 160 (Keras order c·m + j).
        var layer = Built(new DepthwiseConv2D(2, depthMultiplier: 2, useBias: false), new Shape(null, 3, 3, 2));
        Assert.Equal(new Shape(2, 2, 2, 2), layer.Kernel!.Shape);
        layer.Kernel.Assign(Of([1, 1, 2, 2], 1, 2, 3, 4).expand(2, 2, 2, 2).contiguous());
        var x = Channels(Filled(3, 3, 1), Filled(3, 3, 10));
        var y = layer.Apply(x);
        Assert.Equal([1L, 2, 2, 4], y.shape);
        AssertClose([4f, 8f, 120f, 160f], y[0, 0, 0]);
    }

    [Fact]
    public void Depthwise_ParamCountAndSameShape()
    {
        // 3·3·3·2 + 3·2 = 60 parameters; "same" stride 2 on 9×9 → 5×5 with 6 channels.
        var layer = Built(new DepthwiseConv2D(3, strides: 2, padding: "same", depthMultiplier: 2), new Shape(null, 9, 9, 3));
        Assert.Equal(60, layer.CountParams());
        Assert.Equal(new Shape(null, 5, 5, 6), layer.ComputeOutputShape(new Shape(null, 9, 9, 3)));
        Assert.Equal([2L, 5, 5, 6], layer.Apply(randn(2, 9, 9, 3)).shape);
    }

    [Fact]
    public void Separable_ParamCount_DepthwisePlusPointwisePlusBias()
    {
        // SeparableConv2D(8, 3) on 3 channels: 3·3·3·1 + 3·1·8 + 8 = 27 + 24 + 8 = 59.
        var layer = Built(new SeparableConv2D(8, 3), new Shape(null, 10, 10, 3));
        Assert.Equal(59, layer.CountParams());
        Assert.Equal(new Shape(3, 3, 3, 1), layer.DepthwiseKernel!.Shape);
        Assert.Equal(new Shape(1, 1, 3, 8), layer.PointwiseKernel!.Shape);
        Assert.Equal(new[] { "depthwise_kernel", "pointwise_kernel", "bias" }, layer.Weights.Select(w => w.Name));
    }

    [Fact]
    public void Separable_EqualsDepthwiseThenPointwiseConv()
    {
        Keras.Utils.SetRandomSeed(5);
        var sep = Built(new SeparableConv2D(4, 3, strides: 2, padding: "same", depthMultiplier: 2), new Shape(null, 7, 7, 3));
        sep.Bias!.Assign(randn(4));
        var dw = Built(new DepthwiseConv2D(3, strides: 2, padding: "same", depthMultiplier: 2, useBias: false), new Shape(null, 7, 7, 3));
        dw.Kernel!.Assign(sep.DepthwiseKernel!.Value);
        var pw = Built(new Conv2D(4, 1), new Shape(null, 4, 4, 6));
        pw.Kernel!.Assign(sep.PointwiseKernel!.Value);
        pw.Bias!.Assign(sep.Bias.Value);
        var x = randn(2, 7, 7, 3);
        Assert.True(sep.Apply(x).allclose(pw.Apply(dw.Apply(x)), 1e-5, 1e-5));
    }

    private static float[,] Filled(int h, int w, float v)
    {
        var a = new float[h, w];
        for (var i = 0; i < h; i++)
        {
            for (var j = 0; j < w; j++)
            {
                a[i, j] = v;
            }
        }

        return a;
    }
}
