using DeepKeras.Layers;
using static DeepKeras.Tests.TestUtil.Images;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Pooling;

public class PoolingTests
{
    private static readonly float[,] X =
    {
        { 1, 3, 2, 9 },
        { 5, 6, 1, 7 },
        { 4, 2, 8, 0 },
        { 3, 1, 5, 6 },
    };

    private static readonly float[,] Small =
    {
        { 1, 2, 3 },
        { 4, 5, 6 },
        { 7, 8, 9 },
    };

    [Fact]
    public void Max2x2_TakesTheLargestOfEachWindow()
    {
        // windows {1,3,5,6} {2,9,1,7} {4,2,3,1} {8,0,5,6}
        AssertClose(new float[,] { { 6, 9 }, { 4, 8 } }, Plane(new MaxPooling2D().Apply(Gray(X))));
    }

    [Fact]
    public void Min2x2_TakesTheSmallestOfEachWindow()
    {
        AssertClose(new float[,] { { 1, 1 }, { 1, 0 } }, Plane(new MinPooling2D((2, 2)).Apply(Gray(X))));
    }

    [Fact]
    public void Average2x2_TakesTheMeanOfEachWindow()
    {
        // (1+3+5+6)/4 = 3.75, (2+9+1+7)/4 = 4.75, (4+2+3+1)/4 = 2.5, (8+0+5+6)/4 = 4.75
        AssertClose(new float[,] { { 3.75f, 4.75f }, { 2.5f, 4.75f } }, Plane(new AveragePooling2D(2).Apply(Gray(X))));
    }

    [Fact]
    public void SameStride2_PadsAtTheEnd_AverageCountsOnlyRealCells()
    {
        // 3×3 input, pool 2, stride 2, same: out ⌈3/2⌉ = 2, one padded row/column at the end.
        // Windows {1,2,4,5} {3,6} {7,8} {9}: max 5, 6, 8, 9; min 1, 3, 7, 9; mean 3, 4.5, 7.5, 9
        // (counting the padding would give 9/4 = 2.25 for the second window).
        var x = Gray(Small);
        AssertClose(new float[,] { { 5, 6 }, { 8, 9 } }, Plane(new MaxPooling2D(2, padding: "same").Apply(x)));
        AssertClose(new float[,] { { 1, 3 }, { 7, 9 } }, Plane(new MinPooling2D(2, padding: "same").Apply(x)));
        AssertClose(new float[,] { { 3, 4.5f }, { 7.5f, 9 } }, Plane(new AveragePooling2D(2, padding: "same").Apply(x)));
    }

    [Fact]
    public void SameStride1Pool3_SymmetricPadding_AverageCountsOnlyRealCells()
    {
        // Pool 3, stride 1, same: one padded ring. Corner (0,0) sees {1,2,4,5} → 3; edge (0,1) sees {1,…,6} → 21/6 = 3.5;
        // centre sees all nine → 45/9 = 5; corner (2,2) sees {5,6,8,9} → 7.
        var y = Plane(new AveragePooling2D(3, strides: 1, padding: "same").Apply(Gray(Small)));
        AssertClose(new float[,] { { 3, 3.5f, 4 }, { 4.5f, 5, 5.5f }, { 6, 6.5f, 7 } }, y);
        var mx = Plane(new MaxPooling2D(3, strides: 1, padding: "same").Apply(Gray(Small)));
        AssertClose(new float[,] { { 5, 6, 6 }, { 8, 9, 9 }, { 8, 9, 9 } }, mx);
        var mn = Plane(new MinPooling2D(3, strides: 1, padding: "same").Apply(Gray(Small)));
        AssertClose(new float[,] { { 1, 1, 2 }, { 1, 1, 2 }, { 4, 4, 5 } }, mn);
    }

    [Fact]
    public void Pooling_WorksPerChannel()
    {
        var x = Channels(X, Small4());
        var y = new MaxPooling2D().Apply(x);
        AssertClose(new float[,] { { 6, 9 }, { 4, 8 } }, Plane(y, 0));
        AssertClose(new float[,] { { 0, -2 }, { -8, -10 } }, Plane(y, 1));
    }

    private static float[,] Small4()
    {
        // −(0..15) row-major: each 2×2 window's max is its top-left cell.
        var a = new float[4, 4];
        for (var i = 0; i < 16; i++)
        {
            a[i / 4, i % 4] = -i;
        }

        return a;
    }

    [Fact]
    public void OneD_ValidAndSame()
    {
        // [1, 3, 2, 5, 4], pool 2: valid ⌊(5−2)/2⌋+1 = 2 windows {1,3} {2,5}; same ⌈5/2⌉ = 3 adds {4}.
        var x = Of([1, 5, 1], 1, 3, 2, 5, 4);
        AssertClose([3f, 5f], new MaxPooling1D().Apply(x));
        AssertClose([3f, 5f, 4f], new MaxPooling1D(padding: "same").Apply(x));
        AssertClose([1f, 2f, 4f], new MinPooling1D(padding: "same").Apply(x));
        AssertClose([2f, 3.5f, 4f], new AveragePooling1D(2, padding: "same").Apply(x));
    }

    [Fact]
    public void ThreeD_CubeOf1To8()
    {
        var x = arange(1, 9, dtype: float32).reshape(1, 2, 2, 2, 1);
        AssertClose([8f], new MaxPooling3D().Apply(x));
        AssertClose([1f], new MinPooling3D().Apply(x));
        AssertClose([4.5f], new AveragePooling3D(2).Apply(x)); // (1+…+8)/8
    }

    [Theory]
    [InlineData(28, 2, 2, "valid", 14)]
    [InlineData(27, 2, 2, "valid", 13)] // ⌊(27−2)/2⌋ + 1
    [InlineData(27, 2, 2, "same", 14)] // ⌈27/2⌉
    [InlineData(10, 3, 1, "valid", 8)]
    [InlineData(10, 3, 1, "same", 10)]
    [InlineData(10, 3, 2, "valid", 4)] // ⌊7/2⌋ + 1
    [InlineData(10, 3, 3, "same", 4)]
    [InlineData(5, 5, 5, "valid", 1)]
    public void OutputSize_FollowsKerasFormula(int n, int pool, int stride, string padding, int expected)
    {
        foreach (var layer in new BasePooling[]
                 {
                     new MaxPooling2D(pool, stride, padding), new AveragePooling2D(pool, stride, padding), new MinPooling2D(pool, stride, padding),
                 })
        {
            Assert.Equal(new Shape(null, expected, expected, 3), layer.ComputeOutputShape(new Shape(null, n, n, 3)));
            Assert.Equal([2L, expected, expected, 3], layer.Apply(randn(2, n, n, 3)).shape);
        }
    }

    [Fact]
    public void ChannelsFirst_MatchesChannelsLast()
    {
        var x = randn(2, 7, 6, 3);
        var xf = x.permute(0, 3, 1, 2).contiguous();
        foreach (var (last, first) in new (BasePooling, BasePooling)[]
                 {
                     (new MaxPooling2D(3, 2, "same"), new MaxPooling2D(3, 2, "same", "channels_first")),
                     (new AveragePooling2D(2, 2, "same"), new AveragePooling2D(2, 2, "same", "channels_first")),
                     (new MinPooling2D(2), new MinPooling2D(2, dataFormat: "channels_first")),
                 })
        {
            Assert.True(first.Apply(xf).permute(0, 2, 3, 1).allclose(last.Apply(x), 1e-6, 1e-6), last.ClassName);
        }
    }

    [Fact]
    public void Defaults_FollowKeras3()
    {
        var max = new MaxPooling2D();
        Assert.Equal(new[] { 2, 2 }, max.PoolSize);
        Assert.Equal(new[] { 2, 2 }, max.Strides);
        Assert.Equal("valid", max.Padding);
        var avg = new AveragePooling2D((3, 3), strides: 1);
        var c = avg.GetConfig();
        Assert.Equal(new[] { 3, 3 }, c["pool_size"]);
        Assert.Equal(new[] { 1, 1 }, c["strides"]);
        Assert.Equal("channels_last", c["data_format"]);
        Keras.Backend.ClearSession();
        Assert.Equal("max_pooling2d", new MaxPooling2D().Name);
        Assert.Equal("min_pooling2d", new MinPooling2D().Name);
    }

    [Fact]
    public void Errors_NameArgumentOrLayer()
    {
        Assert.Contains("pool_size", Assert.Throws<ArgumentException>(() => new MaxPooling2D(0)).Message);
        Assert.Contains("{'valid', 'same'}", Assert.Throws<ArgumentException>(() => new AveragePooling2D(2, padding: "full")).Message);
        var e = Assert.Throws<ArgumentException>(() => new MaxPooling2D(5, name: "p").Apply(zeros(1, 3, 3, 1)));
        Assert.Contains("Computed output size would be negative for layer \"p\"", e.Message);
    }
}
