using DeepKeras.Layers;
using static DeepKeras.Tests.TestUtil.Images;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Convolutional;

public class Conv3DTests
{
    [Fact]
    public void OnesCube_ValidWith2x2x2OnesKernel_SumsEightCells()
    {
        // Input x[d,h,w] = d·9 + h·3 + w + 1 on a 3×3×3 cube. Window at (0,0,0) covers d,h,w ∈ {0,1}:
        // Σ (d·9 + h·3 + w + 1) = 8·1 + 4·9 + 4·3 + 4·1 = 60; every step along w adds 8, along h 24, along d 72.
        var conv = Built(new Conv3D(1, 2, useBias: false, kernelInitializer: "ones"), new Shape(null, 3, 3, 3, 1));
        var x = arange(1, 28, dtype: float32).reshape(1, 3, 3, 3, 1);
        var y = conv.Apply(x);
        Assert.Equal([1L, 2, 2, 2, 1], y.shape);
        AssertClose([60f, 68f, 84f, 92f, 132f, 140f, 156f, 164f], y);
    }

    [Fact]
    public void ParamCountAndShapes_FollowKeras()
    {
        // Conv3D(4, 3) on 2 channels: 3·3·3·2·4 + 4 = 220; (10, 12, 14) same stride 2 → (5, 6, 7).
        var conv = Built(new Conv3D(4, 3, strides: 2, padding: "same"), new Shape(null, 10, 12, 14, 2));
        Assert.Equal(220, conv.CountParams());
        Assert.Equal(new Shape(3, 3, 3, 2, 4), conv.Kernel!.Shape);
        Assert.Equal(new Shape(null, 5, 6, 7, 4), conv.ComputeOutputShape(new Shape(null, 10, 12, 14, 2)));
        Assert.Equal([1L, 5, 6, 7, 4], conv.Apply(randn([1, 10, 12, 14, 2])).shape);
    }

    [Fact]
    public void ChannelsFirst_MatchesChannelsLast()
    {
        var last = Built(new Conv3D(3, 2, padding: "same"), new Shape(null, 3, 4, 5, 2));
        var first = Built(new Conv3D(3, 2, padding: "same", dataFormat: "channels_first"), new Shape(null, 2, 3, 4, 5));
        first.Kernel!.Assign(last.Kernel!.Value);
        var x = randn([2, 3, 4, 5, 2]);
        var yFirst = first.Apply(x.permute(0, 4, 1, 2, 3).contiguous());
        Assert.True(yFirst.permute(0, 2, 3, 4, 1).allclose(last.Apply(x), 1e-5, 1e-5));
    }
}
