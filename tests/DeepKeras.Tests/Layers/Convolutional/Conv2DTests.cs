using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using static DeepKeras.Tests.TestUtil.Images;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Convolutional;

public class Conv2DTests
{
    // The course's example: a 4×4 image and a 3×3 kernel.
    private static readonly float[,] X =
    {
        { 1, 2, 3, 0 },
        { 0, 1, 2, 3 },
        { 3, 0, 1, 2 },
        { 2, 3, 0, 1 },
    };

    private static readonly float[,] K =
    {
        { 2, 0, 1 },
        { 0, 1, 2 },
        { 1, 0, 2 },
    };

    private static Conv2D HandConv(string padding = "valid", IntTuple? strides = null, float[,]? kernel = null)
    {
        kernel ??= K;
        int kh = kernel.GetLength(0), kw = kernel.GetLength(1);
        var conv = Built(new Conv2D(1, (kh, kw), strides, padding, useBias: false), new Shape(null, 4, 4, 1));
        conv.Kernel!.Assign(Gray(kernel).reshape(kh, kw, 1, 1));
        return conv;
    }

    [Fact]
    public void Valid_CourseExample4x4With3x3Kernel_Gives2x2()
    {
        // y[0,0] = 1·2+2·0+3·1 + 0·0+1·1+2·2 + 3·1+0·0+1·2 = 15
        // y[0,1] = 2·2+3·0+0·1 + 1·0+2·1+3·2 + 0·1+1·0+2·2 = 16
        // y[1,0] = 0·2+1·0+2·1 + 3·0+0·1+1·2 + 2·1+3·0+0·2 = 6
        // y[1,1] = 1·2+2·0+3·1 + 0·0+1·1+2·2 + 3·1+0·0+1·2 = 15
        var y = HandConv().Apply(Gray(X));
        Assert.Equal([1L, 2, 2, 1], y.shape);
        AssertClose(new float[,] { { 15, 16 }, { 6, 15 } }, Plane(y));
    }

    // With one ring of zeros the 3×3 window fits 4×4 times. Border cells only see part of the kernel, e.g.
    // y[0,0] = k[1,1]·x[0,0] + k[1,2]·x[0,1] + k[2,2]·x[1,1] = 1·1 + 2·2 + 2·1 = 7 (k[2,1] = 0 multiplies x[1,0] = 0),
    // y[0,3] = k[1,0]·x[0,2] + k[2,0]·x[1,2] → 0·3 + 1·2 = 2, y[3,3] = k[0,0]·x[2,2] + k[0,1]·x[2,3] + k[1,0]·x[3,2] + k[1,1]·x[3,3]
    // = 2·1 + 0·2 + 0·0 + 1·1 = 3; inner cells are the valid results above (y[1,1] = 15, y[1,2] = 16, y[2,1] = 6, y[2,2] = 15).
    private static readonly float[,] Padded1 =
    {
        { 7, 12, 10, 2 },
        { 4, 15, 16, 10 },
        { 10, 6, 15, 6 },
        { 8, 10, 4, 3 },
    };

    [Fact]
    public void ZeroPadding1ThenValid_CourseExample_Gives4x4()
    {
        var padded = new ZeroPadding2D(1).Apply(Gray(X));
        Assert.Equal([1L, 6, 6, 1], padded.shape);
        AssertClose(Padded1, Plane(HandConv().Apply(padded)));
    }

    [Fact]
    public void Same_CourseExample_EqualsZeroPadding1()
    {
        AssertClose(Padded1, Plane(HandConv("same").Apply(Gray(X))));
    }

    [Fact]
    public void SameStride2_PadsTheExtraRowAndColumnAtTheEnd()
    {
        // n=4, k=3, s=2: out ⌈4/2⌉ = 2, total pad max((2−1)·2 + 3 − 4, 0) = 1 → 0 before, 1 after (Keras/TensorFlow).
        // Input 1..16 row-major, all-ones kernel: windows are rows {0,1,2}/{2,3,pad} × cols {0,1,2}/{2,3,pad}.
        // y[0,0] = 1+2+3+5+6+7+9+10+11 = 54; y[0,1] = 3+4+7+8+11+12 = 45; y[1,0] = 9+10+11+13+14+15 = 72;
        // y[1,1] = 11+12+15+16 = 54. (Torch's symmetric padding would give y[0,0] = 1+2+5+6 = 14.)
        var x = arange(1, 17, dtype: float32).reshape(1, 4, 4, 1);
        var conv = HandConv("same", 2, new float[,] { { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 } });
        AssertClose(new float[,] { { 54, 45 }, { 72, 54 } }, Plane(conv.Apply(x)));
    }

    [Fact]
    public void Rgb_SumsTheThreeChannelConvolutionsAndAddsTheBias()
    {
        var r = new float[,] { { 1, 0, 2 }, { 0, 1, 0 }, { 2, 0, 1 } };
        var g = new float[,] { { 0, 1, 0 }, { 1, 0, 1 }, { 0, 1, 0 } };
        var b = new float[,] { { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 } };
        var conv = Built(new Conv2D(1, 2), new Shape(null, 3, 3, 3));
        Assert.Equal(2 * 2 * 3 + 1, conv.CountParams());

        // Kernel (2, 2, 3, 1): red [[1,0],[0,1]] (main diagonal), green [[0,1],[1,0]] (anti-diagonal), blue all ones; bias 1.
        var kr = new float[,] { { 1, 0 }, { 0, 1 } };
        var kg = new float[,] { { 0, 1 }, { 1, 0 } };
        var kb = new float[,] { { 1, 1 }, { 1, 1 } };
        conv.Kernel!.Assign(Channels(kr, kg, kb).reshape(2, 2, 3, 1));
        conv.Bias!.Assign(ones(1));

        // y[0,0] = red (1+1) + green (1+1) + blue 4 + bias 1 = 9;   y[0,1] = red (0+0) + green (0+0) + 4 + 1 = 5
        // y[1,0] = red (0+0) + green (0+0) + 4 + 1 = 5;             y[1,1] = red (1+1) + green (1+1) + 4 + 1 = 9
        AssertClose(new float[,] { { 9, 5 }, { 5, 9 } }, Plane(conv.Apply(Channels(r, g, b))));
    }

    [Theory]
    [InlineData(28, 3, 1, 1, "valid", 26)] // ⌊(28 − 1·2 − 1)/1⌋ + 1
    [InlineData(28, 3, 1, 1, "same", 28)] // ⌈28/1⌉
    [InlineData(28, 3, 2, 1, "valid", 13)] // ⌊25/2⌋ + 1
    [InlineData(28, 3, 2, 1, "same", 14)] // ⌈28/2⌉
    [InlineData(7, 3, 2, 1, "same", 4)] // ⌈7/2⌉
    [InlineData(7, 2, 2, 1, "valid", 3)] // ⌊(7 − 1 − 1)/2⌋ + 1
    [InlineData(7, 2, 2, 1, "same", 4)] // ⌈7/2⌉ (even kernel: pad 0 before, 1 after)
    [InlineData(10, 3, 1, 2, "valid", 6)] // ⌊(10 − 2·2 − 1)/1⌋ + 1
    [InlineData(10, 3, 1, 2, "same", 10)]
    [InlineData(10, 3, 1, 3, "valid", 4)] // ⌊(10 − 3·2 − 1)/1⌋ + 1
    [InlineData(5, 5, 1, 1, "valid", 1)]
    [InlineData(9, 4, 3, 1, "valid", 2)] // ⌊(9 − 3 − 1)/3⌋ + 1
    [InlineData(9, 4, 3, 1, "same", 3)] // ⌈9/3⌉
    [InlineData(224, 7, 2, 1, "same", 112)]
    [InlineData(224, 7, 2, 1, "valid", 109)] // ⌊217/2⌋ + 1
    [InlineData(6, 1, 4, 1, "valid", 2)] // ⌊5/4⌋ + 1
    [InlineData(6, 1, 4, 1, "same", 2)] // ⌈6/4⌉
    public void OutputSize_FollowsKerasFormula_SymbolicAndEager(int n, int k, int s, int d, string padding, int expected)
    {
        var conv = new Conv2D(4, k, strides: s, padding: padding, dilationRate: d);
        Assert.Equal(new Shape(null, expected, expected, 4), conv.ComputeOutputShape(new Shape(null, n, n, 3)));
        using var scope = NewDisposeScope();
        var y = conv.Apply(randn(2, n, n, 3));
        Assert.Equal([2L, expected, expected, 4], y.shape);
    }

    [Fact]
    public void OutputShape_RectangularKernelAndStrides_EachAxisOnItsOwn()
    {
        // rows: ⌊(10 − 3)/1⌋... valid with k=(3,5), s=(1,2): rows ⌊(10−2−1)/1⌋+1 = 8, cols ⌊(12−4−1)/2⌋+1 = 4.
        var conv = new Conv2D(2, (3, 5), strides: (1, 2));
        Assert.Equal(new Shape(null, 8, 4, 2), conv.ComputeOutputShape(new Shape(null, 10, 12, 1)));
        Assert.Equal([1L, 8, 4, 2], conv.Apply(zeros(1, 10, 12, 1)).shape);
    }

    [Fact]
    public void ChannelsFirst_GivesTheSameValuesAsChannelsLastOnPermutedData()
    {
        Keras.Utils.SetRandomSeed(3);
        var last = Built(new Conv2D(5, 3, strides: 2, padding: "same", activation: "relu"), new Shape(null, 7, 6, 3));
        var first = Built(new Conv2D(5, 3, strides: 2, padding: "same", activation: "relu", dataFormat: "channels_first"), new Shape(null, 3, 7, 6));
        first.Kernel!.Assign(last.Kernel!.Value);
        last.Bias!.Assign(randn(5));
        first.Bias!.Assign(last.Bias.Value);

        var x = randn(2, 7, 6, 3);
        var yLast = last.Apply(x);
        var yFirst = first.Apply(x.permute(0, 3, 1, 2).contiguous());
        Assert.Equal(new Shape(null, 5, 4, 3), first.ComputeOutputShape(new Shape(null, 3, 7, 6)));
        Assert.True(yFirst.permute(0, 2, 3, 1).allclose(yLast, 1e-5, 1e-5));
    }

    [Fact]
    public void Groups_SplitChannels_KernelAndParamCountFollowKeras()
    {
        // 4 input channels in 2 groups, 6 filters: kernel (3, 3, 4/2, 6) → 3·3·2·6 + 6 = 114 parameters.
        var conv = Built(new Conv2D(6, 3, groups: 2), new Shape(null, 5, 5, 4));
        Assert.Equal(new Shape(3, 3, 2, 6), conv.Kernel!.Shape);
        Assert.Equal(114, conv.CountParams());

        // Filters 0–2 only see channels 0–1: changing channels 2–3 leaves them alone and changes filters 3–5.
        var x = randn(1, 5, 5, 4);
        var x2 = x.clone();
        x2[.., .., .., 2] += 1;
        var y = conv.Apply(x);
        var y2 = conv.Apply(x2);
        Assert.True(y[.., .., .., ..3].allclose(y2[.., .., .., ..3]));
        Assert.False(y[.., .., .., 3..].allclose(y2[.., .., .., 3..]));
    }

    [Fact]
    public void ParamCount_Conv32With3x3On1Channel_Is320()
    {
        // 3·3·1·32 + 32 = 320
        var conv = Built(new Conv2D(32, (3, 3)), new Shape(null, 28, 28, 1));
        Assert.Equal(320, conv.CountParams());
        Assert.Equal(new Shape(3, 3, 1, 32), conv.Kernel!.Shape);
        Assert.Equal(new Shape(32), conv.Bias!.Shape);
    }

    [Fact]
    public void MnistConvnet_ThroughTheFacade_Has34826ParamsAndKerasShapes()
    {
        // Keras mnist_convnet: 320 + 18,496 (3·3·32·64 + 64) + 16,010 (1600·10 + 10) = 34,826.
        var model = Keras.Sequential(
            Keras.Input(shape: (28, 28, 1)),
            Keras.Layers.Conv2D(32, kernelSize: (3, 3), activation: "relu"),
            Keras.Layers.MaxPooling2D(poolSize: (2, 2)),
            Keras.Layers.Conv2D(64, kernelSize: (3, 3), activation: "relu"),
            Keras.Layers.MaxPooling2D(poolSize: (2, 2)),
            Keras.Layers.Flatten(),
            Keras.Layers.Dropout(0.5),
            Keras.Layers.Dense(10, activation: "softmax"));
        Assert.Equal(34_826, model.CountParams());
        Assert.Equal(new Shape(null, 26, 26, 32), model.Layers[0].ComputeOutputShape(new Shape(null, 28, 28, 1)));
        Assert.Equal(new Shape(null, 13, 13, 32), model.Layers[1].ComputeOutputShape(new Shape(null, 26, 26, 32)));
        Assert.Equal(new Shape(null, 11, 11, 64), model.Layers[2].ComputeOutputShape(new Shape(null, 13, 13, 32)));
        Assert.Equal(new Shape(null, 5, 5, 64), model.Layers[3].ComputeOutputShape(new Shape(null, 11, 11, 64)));
        Assert.Equal([3, 10], model.Predict(zeros(3, 28, 28, 1), verbose: 0).shape);
    }

    [Fact]
    public void Flatten_AfterConv_UsesChannelsLastOrder()
    {
        // A 1×1 conv copying 2 channels; Flatten of (1, 1, 2, 2) must read (h, w, c): [x00c0, x00c1, x01c0, x01c1].
        var conv = Built(new Conv2D(2, 1, useBias: false), new Shape(null, 1, 2, 2));
        conv.Kernel!.Assign(eye(2).reshape(1, 1, 2, 2));
        var x = Channels(new float[,] { { 1, 2 } }, new float[,] { { 10, 20 } });
        var flat = new Flatten().Apply(conv.Apply(x));
        AssertClose([1f, 10f, 2f, 20f], flat);
    }

    [Theory]
    [InlineData(0, 3, 1, 1, 1, "filters")]
    [InlineData(4, 0, 1, 1, 1, "kernel_size")]
    [InlineData(4, 3, 0, 1, 1, "strides")]
    [InlineData(4, 3, 2, 2, 1, "`strides > 1` not supported in conjunction with `dilation_rate > 1`")]
    [InlineData(4, 3, 1, 1, 3, "evenly divisible by the number of groups")]
    public void Constructor_InvalidArguments_NameTheArgument(int filters, int k, int s, int d, int groups, string fragment)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new Conv2D(filters, k, strides: s, dilationRate: d, groups: groups));
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Constructor_BadPaddingOrFormatOrTupleLength_ExplainsWhatIsAllowed()
    {
        Assert.Contains("{'valid', 'same'}", Assert.Throws<ArgumentException>(() => new Conv2D(4, 3, padding: "causal")).Message);
        Assert.Contains("channels_first", Assert.Throws<ArgumentException>(() => new Conv2D(4, 3, dataFormat: "nhwc")).Message);
        Assert.Contains("tuple of 2 integers. Received kernel_size=(3, 3, 3)",
            Assert.Throws<ArgumentException>(() => new Conv2D(4, (3, 3, 3))).Message);
    }

    [Fact]
    public void Build_WrongRankOrTooSmallInput_GivesKerasStyleErrors()
    {
        var e1 = Assert.Throws<ArgumentException>(() => new Conv2D(4, 3, name: "c2").Apply(zeros(2, 28, 28)));
        Assert.Contains("Input 0 of layer \"c2\" is incompatible with the layer: expected ndim=4, found ndim=3", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new Conv2D(4, 5, name: "c3").Apply(zeros(1, 3, 3, 1)));
        Assert.Contains("Computed output size would be negative for layer \"c3\"", e2.Message);
    }

    [Fact]
    public void GetConfig_HasKerasKeysAndStandardizedTuples()
    {
        var c = new Conv2D(8, 3, strides: 2, padding: "SAME", activation: "relu").GetConfig();
        Assert.Equal(8, c["filters"]);
        Assert.Equal(new[] { 3, 3 }, c["kernel_size"]);
        Assert.Equal(new[] { 2, 2 }, c["strides"]);
        Assert.Equal("same", c["padding"]);
        Assert.Equal("channels_last", c["data_format"]);
        Assert.Equal(new[] { 1, 1 }, c["dilation_rate"]);
        Assert.Equal(1, c["groups"]);
        Assert.Equal("relu", c["activation"]);
        Assert.Equal(true, c["use_bias"]);
    }

    [Fact]
    public void Name_DefaultsToKerasSnakeCase()
    {
        Keras.Backend.ClearSession();
        Assert.Equal("conv2d", new Conv2D(1, 1).Name);
        Assert.Equal("conv2d_1", new Conv2D(1, 1).Name);
    }
}
