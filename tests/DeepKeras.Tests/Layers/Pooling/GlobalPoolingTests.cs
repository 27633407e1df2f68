using DeepKeras.Layers;
using static DeepKeras.Tests.TestUtil.Images;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Pooling;

public class GlobalPoolingTests
{
    [Fact]
    public void Global2D_MaxAndMeanPerChannel()
    {
        // channel 0 = 1..4, channel 1 = 10, 20, 30, 40 on a 2×2 image.
        var x = Channels(new float[,] { { 1, 2 }, { 3, 4 } }, new float[,] { { 10, 20 }, { 30, 40 } });
        AssertClose([4f, 40f], new GlobalMaxPooling2D().Apply(x));
        AssertClose([2.5f, 25f], new GlobalAveragePooling2D().Apply(x));
        Assert.Equal([1L, 2], new GlobalAveragePooling2D().Apply(x).shape);
        Assert.Equal([1L, 1, 1, 2], new GlobalAveragePooling2D(keepdims: true).Apply(x).shape);
    }

    [Fact]
    public void Shapes_FollowKeras()
    {
        Assert.Equal(new Shape(null, 64), new GlobalAveragePooling2D().ComputeOutputShape(new Shape(null, 7, 7, 64)));
        Assert.Equal(new Shape(null, 1, 1, 64), new GlobalMaxPooling2D(keepdims: true).ComputeOutputShape(new Shape(null, 7, 7, 64)));
        Assert.Equal(new Shape(null, 8), new GlobalMaxPooling1D().ComputeOutputShape(new Shape(null, 20, 8)));
        Assert.Equal(new Shape(null, 8), new GlobalAveragePooling3D().ComputeOutputShape(new Shape(null, 2, 3, 4, 8)));
        Assert.Equal(new Shape(null, 8), new GlobalAveragePooling2D("channels_first").ComputeOutputShape(new Shape(null, 8, 5, 5)));
        Assert.Equal([2L, 5], new GlobalMaxPooling3D().Apply(randn([2, 3, 3, 3, 5])).shape);
    }

    [Fact]
    public void Average1D_WithMask_AveragesOnlyUnmaskedSteps()
    {
        // steps [1, 2, 3, 100] with the last step masked out: (1+2+3)/3 = 2 (unmasked mean would be 26.5).
        var x = Of([1, 4, 1], 1, 2, 3, 100);
        var mask = tensor(new[] { true, true, true, false }).reshape(1, 4);
        var (outputs, outMask) = new GlobalAveragePooling1D().Invoke([x], mask, false);
        AssertClose([2f], outputs[0]);
        Assert.Null(outMask);
        AssertClose([26.5f], new GlobalAveragePooling1D().Apply(x));
    }
}
