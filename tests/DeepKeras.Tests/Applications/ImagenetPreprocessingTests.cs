using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Applications;

/// <summary>
/// <c>PreprocessInput</c> (caffe, tf, torch; channels_last and channels_first) and <c>DecodePredictions</c> against
/// Keras's <c>imagenet_utils</c> (golden cases apps_preprocess and apps_decode, gen_apps.py).
/// </summary>
public class ImagenetPreprocessingTests
{
    [Theory]
    [InlineData("caffe")]
    [InlineData("tf")]
    [InlineData("torch")]
    public void PreprocessInput_ChannelsLast_EqualsKeras(string mode)
    {
        var g = KerasGolden.Case("apps_preprocess");
        var actual = DeepKeras.Applications.PreprocessInput(g.Array("x"), mode: mode);
        Assert.Equal(NumSharp.NPTypeCode.Single, actual.typecode);
        KerasGolden.AssertClose(g.Tensor($"{mode}_last"), ToTensor(actual), 1e-5, mode);
    }

    [Theory]
    [InlineData("caffe")]
    [InlineData("tf")]
    [InlineData("torch")]
    public void PreprocessInput_ChannelsFirst_BatchAndSingleImage_EqualKeras(string mode)
    {
        var g = KerasGolden.Case("apps_preprocess");
        var first = g.Tensor("x").to(float32).permute(0, 3, 1, 2).contiguous();
        KerasGolden.AssertClose(g.Tensor($"{mode}_first"),
            DeepKeras.Applications.PreprocessInput(first, dataFormat: "channels_first", mode: mode), 1e-5, mode);
        KerasGolden.AssertClose(g.Tensor($"{mode}_first3"),
            DeepKeras.Applications.PreprocessInput(first[0], dataFormat: "channels_first", mode: mode), 1e-5, mode + " (3-D)");
    }

    [Fact]
    public void FamilyPreprocessInput_EqualsKerasModules()
    {
        var g = KerasGolden.Case("apps_preprocess");
        var x = ToNDArray(g.Tensor("x").to(float32));
        KerasGolden.AssertClose(g.Tensor("family_vgg19"), ToTensor(DeepKeras.Applications.VGG19PreprocessInput(x)), 1e-5, "vgg19");
        KerasGolden.AssertClose(g.Tensor("family_resnet"), ToTensor(DeepKeras.Applications.ResNetPreprocessInput(x)), 1e-5, "resnet");
        KerasGolden.AssertClose(g.Tensor("family_resnet50"), ToTensor(DeepKeras.Applications.ResNetPreprocessInput(x)), 1e-5, "resnet50");
        KerasGolden.AssertClose(g.Tensor("family_mobilenet_v2"), ToTensor(DeepKeras.Applications.MobileNetV2PreprocessInput(x)), 1e-5, "mobilenet_v2");
        KerasGolden.AssertClose(g.Tensor("family_xception"), ToTensor(DeepKeras.Applications.XceptionPreprocessInput(x)), 1e-5, "xception");
    }

    [Fact]
    public void PreprocessInput_BadArguments_ThrowKerasMessages()
    {
        var mode = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.PreprocessInput(zeros(1, 2, 2, 3), mode: "keras"));
        Assert.Contains("Expected mode to be one of `caffe`, `tf` or `torch`. Received: mode=keras", mode.Message);

        var channels = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.PreprocessInput(zeros(1, 2, 2, 4), mode: "torch"));
        Assert.Contains("3 channels", channels.Message);
        Assert.Contains("(1, 2, 2, 4)", channels.Message);

        // The tf mode only scales, so any channel count is fine (as in Keras): 255 → 1, 0 → −1.
        var scaled = DeepKeras.Applications.PreprocessInput(full(new long[] { 1, 1, 1, 4 }, 255f), mode: "tf");
        Assert.Equal(new[] { 1f, 1f, 1f, 1f }, scaled.data<float>().ToArray());
    }

    [Theory]
    [InlineData(5)]
    [InlineData(3)]
    [InlineData(1)]
    public void DecodePredictions_EqualsKeras(int top)
    {
        var g = KerasGolden.Case("apps_decode");
        var classIndex = DeepKeras.Applications.ReadClassIndex(g.File("class_index.json"));
        var decoded = DeepKeras.Applications.DecodePredictions(g.Array("preds"), top, classIndex);

        var expected = g.Json($"top{top}").AsArray();
        Assert.Equal(expected.Count, decoded.Count);
        for (var sample = 0; sample < expected.Count; sample++)
        {
            var row = expected[sample]!.AsArray();
            Assert.Equal(row.Count, decoded[sample].Count);
            for (var k = 0; k < row.Count; k++)
            {
                Assert.Equal((string)row[k]![0]!, decoded[sample][k].ClassId);
                Assert.Equal((string)row[k]![1]!, decoded[sample][k].Label);
                Assert.Equal((float)(double)row[k]![2]!, decoded[sample][k].Score);
            }
        }
    }

    [Fact]
    public void DecodePredictions_NotSamplesBy1000_ThrowsWithTheShape()
    {
        var e = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.DecodePredictions(NumSharp.np.zeros(new NumSharp.Shape(2, 10))));
        Assert.Contains("(samples, 1000)", e.Message);
        Assert.Contains("Received array with shape: (2, 10)", e.Message);
    }

    private static Tensor ToTensor(NumSharp.NDArray x) => global::DeepKeras.Training.TensorConvert.ToTensor(x, null);

    private static NumSharp.NDArray ToNDArray(Tensor x) => global::DeepKeras.Training.TensorConvert.ToNDArray(x);
}
