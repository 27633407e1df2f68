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
/// Attention and AdditiveAttention against Keras 3.15 (scripts/keras-golden/gen_attention.py): Keras-saved functional models
/// on a query and a value load and predict Keras's outputs (causal mask and returned scores included), the layers serialize
/// as Keras's, the same models built here record Keras's call arguments, and a DeepKeras-saved copy predicts the same.
/// </summary>
public sealed class AttentionGoldenTests
{
    public static TheoryData<string> Cases => new() { "attention_dot", "attention_scaled_causal", "attention_concat_scores", "attention_additive" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void KerasSavedModel_PredictsKerasOutputs(string name) =>
        GoldenModelCase.AssertKerasSavedModelPredicts(name);

    [Theory]
    [MemberData(nameof(Cases))]
    public void KerasSavedModel_PrintsKerasSummary(string name) =>
        GoldenModelCase.AssertKerasSummary(name);

    [Theory]
    [MemberData(nameof(Cases))]
    public void LoadedLayer_SerializesAsKeras(string name)
    {
        var g = KerasGolden.Case(name);
        var layer = Keras.Models.LoadModel(g.File("model.keras")).Layers.OfType<BaseDenseAttention>().Single();

        AssertJsonEqual(g.Json("layer_config"), JsonNode.Parse(KerasJson.Write(Keras.Saving.SerializeKerasObject(layer)))!, name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SavedHere_LoadsWithKerasOutputs(string name) =>
        GoldenModelCase.AssertSavedHereLoads(name);

    [Fact]
    public void ModelsBuiltHere_RecordKerasCallArguments()
    {
        var query = Keras.Input(shape: (4, 3), name: "query");
        var value = Keras.Input(shape: (4, 3), name: "value");
        var causal = new Functional([query, value], [new Attention(useScale: true, name: "attn_sc").Apply(query, value, useCausalMask: true)]);
        var value5 = Keras.Input(shape: (5, 3), name: "value");
        var (output, scores) = new Attention(scoreMode: "concat", useScale: true, name: "attn_cat").ApplyWithScores(query, value5, value5);
        var withScores = new Functional([query, value5], [output, scores]);

        AssertInboundNodes("attention_scaled_causal", causal);
        AssertInboundNodes("attention_concat_scores", withScores);
        Assert.Equal("(None, 4, 5)", scores.Shape.ToString());
    }

    [Fact]
    public void EagerCausalAttention_MatchesKeras()
    {
        var g = KerasGolden.Case("attention_scaled_causal");
        var layer = new Attention(useScale: true);
        layer.Build([new Shape(null, 4, 3), new Shape(null, 4, 3)]);
        layer.Scale!.Assign(tensor(0.7f));

        var (output, weights) = layer.Apply(g.Tensor("x0"), g.Tensor("x1"), useCausalMask: true);

        KerasGolden.AssertClose(g.Tensor("y0"), output, 1e-5, "output");
        Assert.Equal(0f, weights[.., 0, 1..].abs().max().item<float>());
        KerasGolden.AssertClose(ones(2, 4), weights.sum(-1), 1e-6, "weights sum to 1");
    }

    [Fact]
    public void EagerAttention_MasksPaddedValueSteps_AsKeras()
    {
        var g = KerasGolden.Case("mha_attention_value_mask");
        var model = Keras.Models.LoadModel(g.File("model.keras"));
        var query = model.GetLayer("emb_q").Apply(g.Tensor("x0"));
        var value = model.GetLayer("emb_v").Apply(g.Tensor("x1"));

        var (output, weights) = ((Attention)model.GetLayer("attn")).Apply(query, value);
        var (additive, _) = ((AdditiveAttention)model.GetLayer("add_attn")).Apply(query, value);

        KerasGolden.AssertClose(g.Tensor("y0"), output, 1e-5, "Attention");
        KerasGolden.AssertClose(g.Tensor("y1"), additive, 1e-5, "AdditiveAttention");
        Assert.Equal(0f, weights[0, .., 3..].abs().max().item<float>());
    }

    [Fact]
    public void BadArguments_NameLayerArgumentAndValue()
    {
        Assert.Contains("Expected one of {'dot', 'concat'}. Received: score_mode=cosine",
            Assert.Throws<ArgumentException>(() => new Attention(scoreMode: "cosine")).Message);
        Assert.Contains("accepts inputs list of length 2 or 3, namely [query, value] or [query, value, key]. Received length: 1.",
            Assert.Throws<ArgumentException>(() => new Attention().Apply(zeros(2, 3, 4))).Message);
        Assert.Contains("Received: dropout=1.5", Assert.Throws<ArgumentOutOfRangeException>(() => new AdditiveAttention(dropout: 1.5)).Message);
    }

    private static void AssertInboundNodes(string name, Model model)
    {
        var expected = g(name).Json("model_config")["layers"]!.AsArray().Single(l => l!["class_name"]!.GetValue<string>().EndsWith("Attention"))!["inbound_nodes"]!;
        var config = JsonNode.Parse(KerasJson.Write(Keras.Saving.SerializeKerasObject(model)))!;
        var actual = config["config"]!["layers"]!.AsArray().Single(l => l!["class_name"]!.GetValue<string>().EndsWith("Attention"))!["inbound_nodes"]!;
        AssertJsonEqual(expected, actual, name);

        static KerasGolden g(string n) => KerasGolden.Case(n);
    }

    private static void AssertJsonEqual(JsonNode expected, JsonNode actual, string name)
    {
        RNNGoldenTests.WithoutConfigWorkDifferences(expected);
        RNNGoldenTests.WithoutConfigWorkDifferences(actual);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{name}: expected\n{expected.ToJsonString()}\nactual\n{actual.ToJsonString()}");
    }
}
