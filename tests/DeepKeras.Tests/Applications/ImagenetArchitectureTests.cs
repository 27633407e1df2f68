using System.IO.Compression;
using System.Text.Json.Nodes;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Applications;

/// <summary>
/// VGG19, ResNet50, MobileNetV2 and Xception against Keras (golden cases apps_*, scripts/keras-golden/gen_apps.py):
/// summaries, layer names and parameter counts of <c>keras.applications.X(weights=None)</c>, and Keras-built instances
/// (small inputs, deterministic pattern weights) that load in DeepKeras from the three files Keras writes and predict
/// Keras's outputs.
/// </summary>
public class ImagenetArchitectureTests
{
    public static TheoryData<string> Architectures => new() { "vgg19", "resnet50", "mobilenetv2", "xception" };

    public static TheoryData<string, string> WeightFiles
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var arch in new[] { "vgg19", "resnet50", "mobilenetv2", "xception" })
            {
                data.Add(arch, "model.weights.h5");
                data.Add(arch, "legacy.h5");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void WithTop_SummaryNamesAndParamsEqualKeras(string arch)
    {
        var g = KerasGolden.Case($"apps_{arch}_summary");
        var counts = g.Json("counts");
        Keras.Backend.ClearSession();
        var model = Build(arch, includeTop: true);

        Assert.Equal((string)counts["name"]!, model.Name);
        Assert.Equal((long)counts["params"]!, model.CountParams());
        // Keras's model.layers order is map_graph's (deepest first), which DeepKeras's summary and config use.
        Assert.Equal(counts["layers"]!.AsArray().Select(n => (string)n!), new FunctionalGraph(model).Layers.Select(l => l.Name));
        Assert.Equal(ShapeOf(counts["input_shape"]!), model.Inputs[0].Shape);
        Assert.Equal(ShapeOf(counts["output_shape"]!), model.Outputs[0].Shape);
        Assert.Equal(g.Text("summary").TrimEnd('\n'), Summary(model, arch));
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void WithoutTop_SummaryAndParamsEqualKeras(string arch)
    {
        var g = KerasGolden.Case($"apps_{arch}_summary");
        var counts = g.Json("counts");
        Keras.Backend.ClearSession();
        var model = Build(arch, includeTop: false);

        Assert.Equal((string)counts["notop_name"]!, model.Name);
        Assert.Equal((long)counts["notop_params"]!, model.CountParams());
        Assert.Equal(ShapeOf(counts["notop_output_shape"]!), model.Outputs[0].Shape);
        Assert.Equal(g.Text("summary_notop").TrimEnd('\n'), Summary(model, arch));
    }

    [Fact]
    public void ParamCounts_TheIssueNumbers()
    {
        Assert.Equal(143_667_240L, DeepKeras.Applications.VGG19().CountParams());
        Assert.Equal(25_636_712L, DeepKeras.Applications.ResNet50().CountParams());
        Assert.Equal(3_538_984L, DeepKeras.Applications.MobileNetV2().CountParams());
        Assert.Equal(22_910_480L, DeepKeras.Applications.Xception().CountParams());
    }

    [Fact]
    public void ResNet101And152_ParamCountsEqualKeras()
    {
        var counts = KerasGolden.Case("apps_counts").Json("counts");
        foreach (var top in new[] { true, false })
        {
            var key = top ? "True" : "False";
            Assert.Equal((long)counts[$"resnet101_{key}"]!, DeepKeras.Applications.ResNet101(includeTop: top).CountParams());
            Assert.Equal((long)counts[$"resnet152_{key}"]!, DeepKeras.Applications.ResNet152(includeTop: top).CountParams());
        }
    }

    [Theory]
    [InlineData(0.35, "0.35")]
    [InlineData(0.5, "0.5")]
    [InlineData(0.75, "0.75")]
    [InlineData(1.0, "1.0")]
    [InlineData(1.3, "1.3")]
    [InlineData(1.4, "1.4")]
    public void MobileNetV2_Alpha_ParamCountsAndNamesEqualKeras(double alpha, string key)
    {
        var counts = KerasGolden.Case("apps_counts").Json("counts");
        foreach (var top in new[] { true, false })
        {
            var k = $"mobilenetv2_{key}_{(top ? "True" : "False")}";
            var model = DeepKeras.Applications.MobileNetV2(inputShape: (96, 96, 3), alpha: alpha, includeTop: top);
            Assert.Equal((long)counts[k]!, model.CountParams());
            Assert.Equal((string)counts[k + "_name"]!, model.Name);
        }
    }

    [Theory]
    [InlineData(128, 128)]
    [InlineData(100, 100)]
    [InlineData(128, 96)]
    public void MobileNetV2_NameFollowsTheInputRows(int rows, int cols)
    {
        var counts = KerasGolden.Case("apps_counts").Json("counts");
        var model = DeepKeras.Applications.MobileNetV2(inputShape: (rows, cols, 3), includeTop: false);
        Assert.Equal((string)counts[$"mobilenetv2_name_{rows}x{cols}"]!, model.Name);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void KerasSavedModel_LoadsAndPredictsAsKeras(string arch)
    {
        var g = KerasGolden.Case($"apps_{arch}_model");
        using var dir = new Saving.TempDir();
        var model = Keras.Models.LoadModel(Unpack(g, "model.keras", dir.Path));

        Assert.Equal((string)g.Json("info")["name"]!, model.Name);
        Assert.Equal((long)g.Json("info")["params"]!, model.CountParams());
        AssertPredictionsClose(g.Tensor("y"), model.PredictTensors(g.Tensor("x_pre"))[0], arch);
    }

    [Theory]
    [MemberData(nameof(WeightFiles))]
    public void WeightsPath_LoadsKerasWeightsFileAndPredictsAsKeras(string arch, string file)
    {
        var g = KerasGolden.Case($"apps_{arch}_model");
        var info = g.Json("info");
        using var dir = new Saving.TempDir();
        var path = Unpack(g, file, dir.Path);
        Keras.Backend.ClearSession();
        var model = Build(arch, includeTop: true, ShapeOf(info["input_shape"]!), weights: path);

        Assert.Equal((string)info["name"]!, model.Name);
        AssertPredictionsClose(g.Tensor("y"), model.PredictTensors(Preprocess(arch, g.Array("x")))[0], $"{arch} {file}");
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void FamilyPreprocessInput_EqualsKerasOnTheModelInputs(string arch)
    {
        var g = KerasGolden.Case($"apps_{arch}_model");
        KerasGolden.AssertClose(g.Tensor("x_pre"), Preprocess(arch, g.Array("x")), 1e-5, arch);
    }

    [Fact]
    public void Xception_TooSmallInput_ThrowsWithTheMinimum()
    {
        var e = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.Xception(includeTop: false, inputShape: (70, 80, 3)));
        Assert.Contains("at least 71x71", e.Message);
        Assert.Contains("inputShape=(70, 80, 3)", e.Message);
    }

    [Fact]
    public void Pooling_WithoutTop_GivesFeatureVectorsWithKerasNames()
    {
        var resnet = DeepKeras.Applications.ResNet50(includeTop: false, inputShape: (32, 32, 3), pooling: "max");
        Assert.Equal("max_pool", resnet.Layers[^1].Name);
        Assert.Equal(new Shape(null, 2048), resnet.Outputs[0].Shape);

        var mobile = DeepKeras.Applications.MobileNetV2(inputShape: (32, 32, 3), alpha: 0.35, includeTop: false, pooling: "avg");
        Assert.Equal("GlobalAveragePooling2D", mobile.Layers[^1].ClassName);
        Assert.Equal(new Shape(null, 1280), mobile.Outputs[0].Shape);
    }

    [Fact]
    public void MobileNetV2_BadAlpha_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DeepKeras.Applications.MobileNetV2(alpha: 0));
        Assert.Equal("alpha", e.ParamName);
        var imagenet = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.MobileNetV2(alpha: 0.6, weights: "imagenet"));
        Assert.Contains("alpha must be one of", imagenet.Message);
        Assert.Contains("alpha=0.6", imagenet.Message);
    }

    private static Functional Build(string arch, bool includeTop, Shape? inputShape = null, string? weights = null) => arch switch
    {
        "vgg19" => DeepKeras.Applications.VGG19(includeTop: includeTop, weights: weights, inputShape: inputShape),
        "resnet50" => DeepKeras.Applications.ResNet50(includeTop: includeTop, weights: weights, inputShape: inputShape),
        "mobilenetv2" => DeepKeras.Applications.MobileNetV2(inputShape: inputShape, includeTop: includeTop, weights: weights),
        "xception" => DeepKeras.Applications.Xception(includeTop: includeTop, weights: weights, inputShape: inputShape),
        _ => throw new ArgumentException(arch, nameof(arch)),
    };

    private static Tensor Preprocess(string arch, NumSharp.NDArray x) => TensorConvert(arch switch
    {
        "vgg19" => DeepKeras.Applications.VGG19PreprocessInput(x),
        "resnet50" => DeepKeras.Applications.ResNetPreprocessInput(x),
        "mobilenetv2" => DeepKeras.Applications.MobileNetV2PreprocessInput(x),
        "xception" => DeepKeras.Applications.XceptionPreprocessInput(x),
        _ => throw new ArgumentException(arch, nameof(arch)),
    });

    private static Tensor TensorConvert(NumSharp.NDArray x) => global::DeepKeras.Training.TensorConvert.ToTensor(x, null);

    // gen_apps.py writes the line lengths Keras's own docs use: 88 for the sequential VGG, 108 (with "Connected to") otherwise.
    private static string Summary(Model model, string arch)
    {
        var lines = new List<string>();
        model.Summary(lineLength: arch == "vgg19" ? 88 : 108, printFn: lines.Add);
        return string.Join("\n", lines).TrimEnd('\n');
    }

    private static Shape ShapeOf(JsonNode node) => new(node.AsArray().Select(d => d is null ? (int?)null : (int)d).ToArray());

    // The Keras files are gzip-compressed twice (<name>.gz.gz) to keep the repository small; see gen_apps.py.
    private static string Unpack(KerasGolden g, string name, string dir)
    {
        var bytes = File.ReadAllBytes(g.File(name + ".gz.gz"));
        for (var pass = 0; pass < 2; pass++)
        {
            using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            bytes = output.ToArray();
        }

        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // float32 through 20–100 layers: the largest difference measured, relative to the largest probability, is 2.2e-4
    // (VGG19, whose pattern weights grow the activations), 1.8e-5 (ResNet50), 1.6e-5 (Xception), under 1e-5 (MobileNetV2);
    // the same top classes.
    private static void AssertPredictionsClose(Tensor expected, Tensor actual, string what)
    {
        AssertRelativeClose(expected, actual, 1e-3, what);
        Assert.Equal(expected.argmax(-1).data<long>().ToArray(), actual.argmax(-1).data<long>().ToArray());
    }

    private static void AssertRelativeClose(Tensor expected, Tensor actual, double tol, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        var e = expected.to(float64).cpu();
        var diff = (e - actual.detach().to(float64).cpu()).abs().max().item<double>();
        var scale = e.abs().max().item<double>();
        Assert.True(diff <= tol * scale, $"{what}: max |difference| {diff:E3} > {tol:E1} × max |expected| {scale:E3}");
    }
}
