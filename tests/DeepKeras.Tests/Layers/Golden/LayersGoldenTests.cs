using System.Text.Json.Nodes;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Saving;
using DeepKeras.Tests.Layers.Rnn;
using DeepKeras.Tests.Saving;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Golden;

/// <summary>
/// The layers of issue 14 item 7 against Keras 3.15 (scripts/keras-golden/gen_layers.py): each Keras-saved one-layer model
/// loads and predicts Keras's outputs, its layer serializes as Keras's, the same layer built here serializes as Keras's,
/// and a DeepKeras-saved copy loads back with the same outputs.
/// </summary>
public sealed class LayersGoldenTests
{
    /// <summary>The layer of each case built with the generated factories, with the arguments the generator used.</summary>
    private static readonly Dictionary<string, Func<Layer>> Built = new()
    {
        ["layers_relu"] = () => Keras.Layers.ReLU(name: "relu"),
        ["layers_relu_options"] = () => Keras.Layers.ReLU(maxValue: 1.5, negativeSlope: 0.25, threshold: 0.5, name: "relu_opts"),
        ["layers_relu6"] = () => Keras.Layers.ReLU(maxValue: 6.0, name: "relu6"),
        ["layers_leaky_relu_alpha"] = () => Keras.Layers.LeakyReLU(alpha: 0.2, name: "leaky"),
        ["layers_softmax"] = () => Keras.Layers.Softmax(name: "softmax"),
        ["layers_softmax_axes"] = () => Keras.Layers.Softmax([-2, -1], name: "softmax2"),
        ["layers_elu"] = () => Keras.Layers.ELU(alpha: 0.5, name: "elu"),
        ["layers_identity"] = () => Keras.Layers.Identity(name: "ident"),
        ["layers_permute"] = () => Keras.Layers.Permute((2, 1), name: "perm"),
        ["layers_rescaling"] = () => Keras.Layers.Rescaling(1.0 / 127.5, offset: -1.0, name: "rescale"),
        ["layers_unit_norm"] = () => Keras.Layers.UnitNormalization(name: "unit"),
        ["layers_unit_norm_axes"] = () => Keras.Layers.UnitNormalization([1, 2], name: "unit2"),
        ["layers_group_norm"] = () => Keras.Layers.GroupNormalization(groups: 3, epsilon: 1e-3, name: "group"),
        ["layers_group_norm_instance"] = () => Keras.Layers.GroupNormalization(groups: -1, axis: 1, center: false, name: "instance"),
        ["layers_activity_reg"] = () => Keras.Layers.ActivityRegularization(l1: 0.01, l2: 0.02, name: "act_reg"),
        ["layers_alpha_dropout"] = () => Keras.Layers.AlphaDropout(0.3, seed: 5, name: "alpha_drop"),
        ["layers_category_multi_hot"] = () => Keras.Layers.CategoryEncoding(numTokens: 4, name: "cat"),
        ["layers_category_count"] = () => Keras.Layers.CategoryEncoding(numTokens: 5, outputMode: "count", name: "cat_count"),
        ["layers_category_one_hot"] = () => Keras.Layers.CategoryEncoding(numTokens: 4, outputMode: "one_hot", name: "cat_one"),
        ["layers_normalization_adapt"] = () => Keras.Layers.Normalization(name: "norm"),
        ["layers_normalization_given"] = () => Keras.Layers.Normalization(mean: [1.0, -2.0, 0.5], variance: [4.0, 0.25, 1.0], invert: true, name: "denorm"),
        ["layers_normalization_none"] = () => Keras.Layers.Normalization(axis: null, mean: 2.0, variance: 9.0, name: "norm_all"),
    };

    public static TheoryData<string> Cases => new(Built.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void KerasSavedModel_PredictsKerasOutputs(string name)
    {
        var g = KerasGolden.Case(name);
        var model = Keras.Models.LoadModel(g.File("model.keras"));

        var y = model.PredictTensors(g.Tensor("x"))[0];

        KerasGolden.AssertClose(g.Tensor("y"), y, 1e-5, name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void KerasSavedModel_PrintsKerasSummary(string name)
    {
        var g = KerasGolden.Case(name);
        var model = Keras.Models.LoadModel(g.File("model.keras"));

        var lines = new List<string>();
        model.Summary(lineLength: 88, printFn: lines.Add);

        Assert.Equal(g.Text("summary").TrimEnd('\n'), string.Join("\n", lines).TrimEnd('\n'));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LoadedLayer_SerializesAsKeras(string name)
    {
        var g = KerasGolden.Case(name);
        var layer = Keras.Models.LoadModel(g.File("model.keras")).Layers[^1];

        AssertSerializesAs(g.Json("layer_config"), layer, name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LayerBuiltHere_SerializesAsKeras(string name)
    {
        var g = KerasGolden.Case(name);
        var x = g.Tensor("x");
        var layer = Built[name]();
        _ = new Sequential(
            [Keras.Input(shape: new Shape([.. x.shape.Skip(1).Select(d => (int?)(int)d)]), dtype: x.is_floating_point() ? "float32" : "int32"), layer]);

        AssertSerializesAs(g.Json("layer_config"), layer, name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SavedHere_LoadsWithKerasOutputs(string name)
    {
        var g = KerasGolden.Case(name);
        using var dir = new TempDir();
        Keras.Models.LoadModel(g.File("model.keras")).Save(dir.File("again.keras"));

        var y = Keras.Models.LoadModel(dir.File("again.keras")).PredictTensors(g.Tensor("x"))[0];

        KerasGolden.AssertClose(g.Tensor("y"), y, 1e-5, name);
    }

    [Fact]
    public void Normalization_AdaptedHere_NormalizesAsKeras()
    {
        var g = KerasGolden.Case("layers_normalization_adapt");
        var norm = Keras.Layers.Normalization();

        norm.Adapt(g.Tensor("adapt"));

        KerasGolden.AssertClose(g.Tensor("y"), norm.Apply(g.Tensor("x")), 1e-5, "normalized");
        Assert.Equal("(3,)", norm.AdaptMean!.Shape.ToString());
        Assert.Equal("int32", norm.Count!.DType);
    }

    [Fact]
    public void Normalization_AdaptOnBatches_CombinesThemAsOneDataSet()
    {
        var g = KerasGolden.Case("layers_normalization_batches");
        var norm = Keras.Layers.Normalization([1, 2]);

        norm.Adapt(Enumerable.Range(0, 3).Select(i => (ArrayLike)g.Tensor($"batch{i}")));

        KerasGolden.AssertClose(g.Tensor("mean"), norm.AdaptMean!.Value, 1e-5, "mean");
        KerasGolden.AssertClose(g.Tensor("variance"), norm.AdaptVariance!.Value, 1e-5, "variance");
    }

    [Fact]
    public void Normalization_BadArguments_SayWhatWasExpected()
    {
        Assert.Contains("both `mean` and `variance` must be set. Received: mean=[1] and variance=None",
            Assert.Throws<ArgumentException>(() => Keras.Layers.Normalization(mean: [1.0])).Message);
        Assert.Contains("it cannot also `Adapt` them",
            Assert.Throws<InvalidOperationException>(() => Keras.Layers.Normalization(mean: [1.0], variance: [2.0]).Adapt(zeros(4, 1))).Message);
        var norm = Keras.Layers.Normalization();
        norm.Adapt(zeros(4, 3));
        Assert.Contains("incompatible shape, data.shape=(4, 2)", Assert.Throws<ArgumentException>(() => norm.Adapt(zeros(4, 2))).Message);
    }

    [Fact]
    public void ActivityRegularization_AddsKerasPenalty()
    {
        var g = KerasGolden.Case("layers_activity_reg");
        var layer = Keras.Layers.ActivityRegularization(l1: 0.01, l2: 0.02);

        var y = layer.Apply(g.Tensor("x"), training: true);

        KerasGolden.AssertClose(g.Tensor("x"), y, 0, "output");
        Assert.Single(layer.Losses);
        KerasGolden.AssertClose(g.Tensor("loss"), layer.Losses[0], 1e-6, "penalty");
    }

    [Fact]
    public void AlphaDropout_InTraining_DrawsKerasMaskForTheSameSeed()
    {
        var g = KerasGolden.Case("layers_alpha_dropout");
        var layer = Keras.Layers.AlphaDropout(0.3, seed: 5);

        var y = layer.Apply(g.Tensor("x"), training: true);

        KerasGolden.AssertClose(g.Tensor("train"), y, 1e-5, "training output");
        KerasGolden.AssertClose(g.Tensor("x"), layer.Apply(g.Tensor("x")), 0, "inference output");
    }

    [Fact]
    public void AlphaDropout_KeepsMeanAndVarianceOfStandardInputs()
    {
        Keras.Utils.SetRandomSeed(4);
        var x = randn(200_000);

        var y = Keras.Layers.AlphaDropout(0.2).Apply(x, training: true);

        Assert.InRange(y.mean().item<float>(), -0.02f, 0.02f);
        Assert.InRange(y.var().item<float>(), 0.97f, 1.03f);
    }

    [Fact]
    public void CategoryEncoding_CountWeights_WeighEachOccurrence()
    {
        var layer = Keras.Layers.CategoryEncoding(numTokens: 4, outputMode: "count");

        var y = layer.Apply(tensor(new long[,] { { 0, 1, 1 }, { 3, 3, 2 } }), tensor(new float[,] { { 0.5f, 1, 2 }, { 1, 1, 0.25f } }));

        KerasGolden.AssertClose(tensor(new float[,] { { 0.5f, 3, 0, 0 }, { 0, 0, 0.25f, 2 } }), y, 1e-7, "counts");
    }

    [Fact]
    public void BadArguments_NameLayerArgumentAndValue()
    {
        Assert.Contains("max_value of a ReLU layer cannot be a negative value. Received: max_value=-1",
            Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Layers.ReLU(maxValue: -1)).Message);
        Assert.Contains("Received dims=(1, 3)", Assert.Throws<ArgumentException>(() => Keras.Layers.Permute((1, 3))).Message);
        Assert.Contains("Number of groups (4) must be a multiple of the number of channels (6)",
            Assert.Throws<ArgumentException>(() => Keras.Layers.GroupNormalization(groups: 4).Apply(zeros(2, 6))).Message);
        Assert.Contains("num_tokens=4. Received a maximum of 4",
            Assert.Throws<ArgumentException>(() => Keras.Layers.CategoryEncoding(numTokens: 4).Apply(tensor(new long[] { 1, 4 }))).Message);
        Assert.Contains("Unknown arg for output_mode: bits",
            Assert.Throws<ArgumentException>(() => Keras.Layers.CategoryEncoding(numTokens: 4, outputMode: "bits")).Message);
        Assert.Contains("Expected a float value between 0 and 1. Received: rate=1.5",
            Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Layers.AlphaDropout(1.5)).Message);
    }

    internal static void AssertSerializesAs(JsonNode expected, Layer layer, string name)
    {
        var actual = JsonNode.Parse(KerasJson.Write(Keras.Saving.SerializeKerasObject(layer)))!;
        RNNGoldenTests.WithoutConfigWorkDifferences(expected);
        RNNGoldenTests.WithoutConfigWorkDifferences(actual);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{name}: expected\n{expected.ToJsonString()}\nactual\n{actual.ToJsonString()}");
    }
}
