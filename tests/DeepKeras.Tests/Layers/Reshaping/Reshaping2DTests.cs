using DeepKeras.Layers;
using static DeepKeras.Tests.TestUtil.Images;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Reshaping;

public class Reshaping2DTests
{
    private static readonly float[,] X = { { 1, 2 }, { 3, 4 } };

    [Fact]
    public void ZeroPadding_AddsZerosOnEachSide()
    {
        var y = new ZeroPadding2D(((1, 0), (0, 2))).Apply(Gray(X));
        AssertClose(new float[,] { { 0, 0, 0, 0 }, { 1, 2, 0, 0 }, { 3, 4, 0, 0 } }, Plane(y));
        Assert.Equal(new Shape(null, 30, 30, 3), new ZeroPadding2D().ComputeOutputShape(new Shape(null, 28, 28, 3)));
        Assert.Equal(new Shape(null, 3, 32, 34), new ZeroPadding2D((2, 3), "channels_first").ComputeOutputShape(new Shape(null, 3, 28, 28)));
    }

    [Fact]
    public void Cropping_RemovesBorders()
    {
        var x = arange(1, 17, dtype: float32).reshape(1, 4, 4, 1);
        var y = new Cropping2D(((1, 0), (1, 2))).Apply(x);
        AssertClose(new float[,] { { 6 }, { 10 }, { 14 } }, Plane(y));
        Assert.Equal(new Shape(null, 24, 24, 3), new Cropping2D(2).ComputeOutputShape(new Shape(null, 28, 28, 3)));
        var e = Assert.Throws<ArgumentException>(() => new Cropping2D(2, name: "crop").Apply(zeros(1, 4, 4, 1)));
        Assert.Contains("must be smaller than the input shape", e.Message);
    }

    [Fact]
    public void UpSamplingNearest_RepeatsRowsAndColumns()
    {
        var y = new UpSampling2D((2, 3)).Apply(Gray(X));
        AssertClose(new float[,]
        {
            { 1, 1, 1, 2, 2, 2 },
            { 1, 1, 1, 2, 2, 2 },
            { 3, 3, 3, 4, 4, 4 },
            { 3, 3, 3, 4, 4, 4 },
        }, Plane(y));
        Assert.Equal(new Shape(null, 14, 14, 8), new UpSampling2D().ComputeOutputShape(new Shape(null, 7, 7, 8)));
    }

    [Fact]
    public void UpSamplingBilinear_HalfPixelCenters()
    {
        // Row [0, 1] doubled: output x' maps to (x' + 0.5)/2 − 0.5 = −0.25, 0.25, 0.75, 1.25 → clamped → 0, 0.25, 0.75, 1.
        var y = new UpSampling2D((1, 2), interpolation: "bilinear").Apply(Gray(new float[,] { { 0, 1 } }));
        AssertClose(new float[,] { { 0, 0.25f, 0.75f, 1 } }, Plane(y));
        Assert.Contains("\"nearest\", \"bilinear\"", Assert.Throws<ArgumentException>(() => new UpSampling2D(interpolation: "cubic")).Message);
    }

    [Fact]
    public void ChannelsFirst_Variants_MatchChannelsLast()
    {
        var x = randn(2, 5, 6, 3);
        var xf = x.permute(0, 3, 1, 2).contiguous();
        Assert.True(new ZeroPadding2D((1, 2), "channels_first").Apply(xf).permute(0, 2, 3, 1).allclose(new ZeroPadding2D((1, 2)).Apply(x), 0, 0));
        Assert.True(new Cropping2D((1, 2), "channels_first").Apply(xf).permute(0, 2, 3, 1).allclose(new Cropping2D((1, 2)).Apply(x), 0, 0));
        Assert.True(new UpSampling2D(2, "channels_first").Apply(xf).permute(0, 2, 3, 1).allclose(new UpSampling2D(2).Apply(x), 0, 0));
        Assert.True(new UpSampling2D(2, "channels_first", "bilinear").Apply(xf).permute(0, 2, 3, 1)
            .allclose(new UpSampling2D(2, interpolation: "bilinear").Apply(x), 1e-6, 1e-6));
    }
}
