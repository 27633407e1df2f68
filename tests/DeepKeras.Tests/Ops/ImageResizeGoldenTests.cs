using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using static TorchSharp.torch;
using Image = DeepKeras.Keras.Ops.Image;

namespace DeepKeras.Tests.Ops;

/// <summary>
/// <c>Keras.Ops.Image.Resize</c> against <c>keras.ops.image.resize</c> (Keras 3.15.1, torch backend;
/// scripts/keras-golden/gen_imageprep.py, case imageprep_resize): every interpolation with and without antialiasing,
/// down- and upsampling, crop/pad to the aspect ratio, uint8 images, a single image and channels_first.
/// </summary>
public sealed class ImageResizeGoldenTests
{
    private static readonly KerasGolden G = KerasGolden.Case("imageprep_resize");

    public static TheoryData<string, bool> Interpolations() => new()
    {
        { "bilinear", false }, { "bilinear", true }, { "nearest", false }, { "nearest", true }, { "bicubic", false }, { "bicubic", true },
    };

    [Theory]
    [MemberData(nameof(Interpolations))]
    public void DownAndUpsampling_MatchKeras(string interpolation, bool antialias)
    {
        var x = G.Tensor("x");
        var sfx = $"{interpolation}_{(antialias ? "aa" : "noaa")}";
        Close(G.Tensor($"down_{sfx}"), Image.Resize(x, (3, 4), interpolation, antialias));
        Close(G.Tensor($"up_{sfx}"), Image.Resize(x, (8, 9), interpolation, antialias));
    }

    [Theory]
    [InlineData("bilinear")]
    [InlineData("nearest")]
    [InlineData("bicubic")]
    public void CropAndPadToAspectRatio_MatchKeras(string interpolation)
    {
        var x = G.Tensor("x");
        var crop = Image.Resize(x, (4, 4), interpolation, cropToAspectRatio: true);
        Assert.Equal([2L, 4, 4, 3], crop.shape);
        Close(G.Tensor($"crop_{interpolation}"), crop);
        Close(G.Tensor($"croptall_{interpolation}"), Image.Resize(x, (6, 2), interpolation, cropToAspectRatio: true));
        Close(G.Tensor($"pad_{interpolation}"), Image.Resize(x, (4, 4), interpolation, padToAspectRatio: true, fillValue: 0.5));
        Close(G.Tensor($"padwide_{interpolation}"), Image.Resize(x, (2, 6), interpolation, padToAspectRatio: true));
    }

    [Theory]
    [InlineData("bilinear")]
    [InlineData("nearest")]
    [InlineData("bicubic")]
    public void Uint8Images_AreRoundedBackToUint8AsKeras(string interpolation)
    {
        var x = TensorConvert.ToTensorExact(G.Array("xu8"), null);
        var y = Image.Resize(x, (4, 3), interpolation);
        Assert.Equal(ScalarType.Byte, y.dtype);
        var expected = TensorConvert.ToTensorExact(G.Array($"u8_{interpolation}"), null);
        Assert.Equal(expected.data<byte>().ToArray(), y.data<byte>().ToArray());
    }

    [Fact]
    public void SingleImageAndChannelsFirst_MatchKeras()
    {
        var x = G.Tensor("x");
        var single = Image.Resize(x[0], (3, 4));
        Assert.Equal([3L, 4, 3], single.shape);
        Close(G.Tensor("single_bilinear"), single);
        var cf = Image.Resize(x.permute(0, 3, 1, 2), (3, 4), dataFormat: "channels_first");
        Assert.Equal([2L, 3, 3, 4], cf.shape);
        Close(G.Tensor("channels_first_bilinear"), cf);
    }

    [Fact]
    public void BadArguments_NameTheArgument()
    {
        var x = zeros(1, 4, 4, 1);
        Assert.Contains("size=(2, 2, 2)", Assert.Throws<ArgumentException>(() => Image.Resize(x, new[] { 2, 2, 2 })).Message);
        Assert.Contains("positive height and width", Assert.Throws<ArgumentException>(() => Image.Resize(x, (0, 2))).Message);
        Assert.Contains("images.shape=(4, 4)", Assert.Throws<ArgumentException>(() => Image.Resize(zeros(4, 4), (2, 2))).Message);
        Assert.Contains("only one of", Assert.Throws<ArgumentException>(
            () => Image.Resize(x, (2, 2), cropToAspectRatio: true, padToAspectRatio: true)).Message);
        Assert.Contains("interpolation=area", Assert.Throws<ArgumentException>(() => Image.Resize(x, (2, 2), "area")).Message);
        Assert.Contains("Lanczos", Assert.Throws<ArgumentException>(() => Image.Resize(x, (2, 2), "lanczos3")).Message);
        Assert.Contains("fillMode=reflect", Assert.Throws<ArgumentException>(() => Image.Resize(x, (2, 2), fillMode: "reflect")).Message);
        Assert.Contains("data_format=nchw", Assert.Throws<ArgumentException>(() => Image.Resize(x, (2, 2), dataFormat: "nchw")).Message);
    }

    private static void Close(Tensor expected, Tensor actual) => KerasGolden.AssertClose(expected, actual, 1e-5);
}
