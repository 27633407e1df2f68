using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Convolutional;

/// <summary>
/// Bad arguments and inputs of the 1-D/3-D convolution variants and of the 1-D/3-D padding, cropping and upsampling
/// layers: each fails with a message naming the layer or the Keras argument, what was expected and what was received.
/// </summary>
public class ConvVariantsArgumentTests
{
    [Fact]
    public void Conv1DTranspose_On2DInput_NamesTheLayerAndTheRanks()
    {
        var e = Assert.Throws<ArgumentException>(() => new Conv1DTranspose(2, 3, name: "up1d").Apply(ones(4, 5)));
        Assert.Contains("layer \"up1d\" is incompatible with the layer: expected ndim=3, found ndim=2", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Conv3DTranspose(2, 3, name: "up3d").Apply(ones(1, 4, 4, 4)));
        Assert.Contains("layer \"up3d\" is incompatible with the layer: expected ndim=5, found ndim=4", e.Message);
    }

    [Fact]
    public void WindowArguments_OfTheWrongLength_NameTheArgument()
    {
        var e = Assert.Throws<ArgumentException>(() => new Conv3DTranspose(2, (3, 3)));
        Assert.Contains("The `kernel_size` argument must be a tuple of 3 integers. Received kernel_size=(3, 3)", e.Message);
        e = Assert.Throws<ArgumentException>(() => new SeparableConv1D(2, 3, strides: (1, 2)));
        Assert.Contains("The `strides` argument must be a tuple of 1 integers. Received strides=(1, 2)", e.Message);
        e = Assert.Throws<ArgumentException>(() => new DepthwiseConv1D(3, dilationRate: 0));
        Assert.Contains("`dilation_rate` argument must be a tuple of 1 positive integers. Received dilation_rate=0", e.Message);
    }

    [Fact]
    public void CountsPaddingAndOutputPadding_AreChecked()
    {
        Assert.Contains("Received depth_multiplier=0",
            Assert.Throws<ArgumentOutOfRangeException>(() => new SeparableConv1D(2, 3, depthMultiplier: 0)).Message);
        Assert.Contains("Received filters=-1", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv1DTranspose(-1, 3)).Message);
        Assert.Contains("{'valid', 'same'}. Received: causal",
            Assert.Throws<ArgumentException>(() => new DepthwiseConv1D(3, padding: "causal")).Message);
        Assert.Contains("Strides must be greater than output padding. Received strides=2, output_padding=2",
            Assert.Throws<ArgumentException>(() => new Conv1DTranspose(2, 3, strides: 2, outputPadding: 2)).Message);
        Assert.Contains("`strides > 1` not supported in conjunction with `dilation_rate > 1`",
            Assert.Throws<ArgumentException>(() => new Conv3DTranspose(2, 2, strides: 2, dilationRate: 2)).Message);
    }

    [Fact]
    public void TooShortInput_ForAValidWindow_NamesTheLayer()
    {
        var e = Assert.Throws<ArgumentException>(() => new DepthwiseConv1D(5, name: "dw1").Apply(ones(1, 3, 2)));
        Assert.Contains("Computed output size would be negative for layer \"dw1\" (DepthwiseConv1D)", e.Message);
    }

    [Fact]
    public void PaddingAndCropping_NegativeAmounts_AreRejectedWithKerasText()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ZeroPadding1D((1, -2)));
        Assert.Contains("`padding` should contain non-negative integers. Received: padding=(1, -2)", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new ZeroPadding3D(((0, 1), (2, 3), (-1, 0))));
        Assert.Contains("Received: padding=((0, 1), (2, 3), (-1, 0))", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new Cropping3D(-1));
        Assert.Contains("`cropping` should contain non-negative integers. Received: cropping=((-1, -1), (-1, -1), (-1, -1))", e.Message);
    }

    [Fact]
    public void Cropping_AsLargeAsTheInput_NamesTheLayerAndTheShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new Cropping1D((2, 2), name: "crop1").Apply(ones(1, 4, 3)));
        Assert.Contains("`cropping` parameter of layer \"crop1\" (Cropping1D) must be smaller than the input shape. Received: input_shape=(None, 4, 3), cropping=(2, 2)", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Cropping3D((0, 3, 0), dataFormat: "channels_first", name: "crop3").Apply(ones([1, 2, 4, 6, 4])));
        Assert.Contains("layer \"crop3\" (Cropping3D) must be smaller than the input shape", e.Message);
    }

    [Fact]
    public void UpSampling_BadSizes_NameTheArgument()
    {
        Assert.Contains("Received size=0", Assert.Throws<ArgumentException>(() => new UpSampling1D(0)).Message);
        Assert.Contains("The `size` argument must be a tuple of 3 integers. Received size=(2, 2)",
            Assert.Throws<ArgumentException>(() => new UpSampling3D((2, 2))).Message);
        Assert.Contains("Received: data_format=channels_middle",
            Assert.Throws<ArgumentException>(() => new UpSampling3D(2, dataFormat: "channels_middle")).Message);
    }
}
