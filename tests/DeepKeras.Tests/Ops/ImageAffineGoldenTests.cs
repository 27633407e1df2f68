using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;
using Image = DeepKeras.Keras.Ops.Image;

namespace DeepKeras.Tests.Ops;

/// <summary>
/// <c>Keras.Ops.Image.AffineTransform</c> against <c>keras.ops.image.affine_transform</c> (Keras 3.15.1, torch backend;
/// case imageprep_affine): a rotation-with-shift and a scale-shear transform, every fill mode with bilinear and nearest
/// sampling, channels_first and a single image.
/// </summary>
public sealed class ImageAffineGoldenTests
{
    private static readonly KerasGolden G = KerasGolden.Case("imageprep_affine");

    [Theory]
    [InlineData("bilinear", "constant")]
    [InlineData("bilinear", "nearest")]
    [InlineData("bilinear", "wrap")]
    [InlineData("bilinear", "mirror")]
    [InlineData("bilinear", "reflect")]
    [InlineData("nearest", "constant")]
    [InlineData("nearest", "nearest")]
    [InlineData("nearest", "wrap")]
    [InlineData("nearest", "mirror")]
    [InlineData("nearest", "reflect")]
    public void FillModesAndInterpolations_MatchKeras(string interpolation, string fillMode)
    {
        var y = Image.AffineTransform(G.Tensor("x"), G.Tensor("t"), interpolation, fillMode, fillValue: 0.25);

        KerasGolden.AssertClose(G.Tensor($"{interpolation}_{fillMode}"), y, 1e-5, $"{interpolation}/{fillMode}");
    }

    [Fact]
    public void ChannelsFirstAndSingleImage_MatchKeras()
    {
        var x = G.Tensor("x");
        var t = G.Tensor("t");
        KerasGolden.AssertClose(G.Tensor("channels_first"), Image.AffineTransform(x.permute(0, 3, 1, 2), t, dataFormat: "channels_first"), 1e-5);
        KerasGolden.AssertClose(G.Tensor("single"), Image.AffineTransform(x[1], t[1]), 1e-5);
    }

    [Fact]
    public void IdentityAndIntegerShift_MoveThePixelsExactly()
    {
        var x = arange(12, dtype: float32).reshape(1, 3, 4, 1);
        var identity = tensor(new float[] { 1, 0, 0, 0, 1, 0, 0, 0 });
        Assert.True(Image.AffineTransform(x, identity).allclose(x, 0, 0));
        // The output at column c samples the input at column c − 1: the image moves right by one, column 0 is filled.
        var shifted = Image.AffineTransform(x, tensor(new float[] { 1, 0, -1, 0, 1, 0, 0, 0 }), fillValue: -1);
        Assert.Equal(new float[] { -1, 0, 1, 2, -1, 4, 5, 6, -1, 8, 9, 10 }, shifted.data<float>().ToArray());
    }

    [Fact]
    public void BadArguments_NameTheArgument()
    {
        var x = zeros(1, 4, 4, 1);
        var t = zeros(8);
        Assert.Contains("interpolation=bicubic", Assert.Throws<ArgumentException>(() => Image.AffineTransform(x, t, "bicubic")).Message);
        Assert.Contains("fillMode=edge", Assert.Throws<ArgumentException>(() => Image.AffineTransform(x, t, fillMode: "edge")).Message);
        Assert.Contains("transform.shape=(6,)", Assert.Throws<ArgumentException>(() => Image.AffineTransform(x, zeros(6))).Message);
        Assert.Contains("images.shape=(4, 4)", Assert.Throws<ArgumentException>(() => Image.AffineTransform(zeros(4, 4), t)).Message);
        Assert.Contains("one per image (1)", Assert.Throws<ArgumentException>(() => Image.AffineTransform(x, zeros(3, 8))).Message);
    }
}
