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
/// MultiHeadAttention and EinsumDense against Keras 3.15 (scripts/keras-golden/gen_mha.py): Keras-saved functional models
/// (self- and cross-attention, separate key, value_dim, output_shape, 4-D attention axes, no bias, causal, attention and
/// padding masks, gate and sliding window) load and predict Keras's outputs and scores, print Keras's summaries, serialize
/// their layers as Keras does and survive a save here; the same models built here record Keras's configs and call arguments.
/// </summary>
public sealed class MultiHeadAttentionGoldenTests
{
    public static TheoryData<string> Cases => new()
    {
        "mha_self", "mha_cross_scores", "mha_outshape_nobias_causal", "mha_axes_2d", "mha_attention_mask", "mha_padding_masks",
        "mha_gate_window", "mha_einsum_dense", "mha_attention_value_mask",
    };

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
        var expected = g.Json("layer_config");
        var layer = Keras.Models.LoadModel(g.File("model.keras")).GetLayer(expected["config"]!["name"]!.GetValue<string>());

        AssertJsonEqual(expected, Serialized(layer), name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SavedHere_LoadsWithKerasOutputs(string name) =>
        GoldenModelCase.AssertSavedHereLoads(name);

    [Fact]
    public void LoadedMha_HasKerasWeightNamesShapesAndOrder()
    {
        var mha = (MultiHeadAttention)Keras.Models.LoadModel(KerasGolden.Case("mha_cross_scores").File("model.keras")).GetLayer("mha_cross");

        Assert.Equal(
            ["query/kernel (6, 3, 2)", "query/bias (3, 2)", "key/kernel (7, 3, 2)", "key/bias (3, 2)", "value/kernel (8, 3, 4)",
                "value/bias (3, 4)", "attention_output/kernel (3, 4, 6)", "attention_output/bias (6,)"],
            mha.Weights.Select(w => $"{w.Path[(w.Path.IndexOf('/') + 1)..]} {w.Shape}"));
        Assert.Equal(["query", "key", "value", "attention_output"], new[] { mha.QueryDense, mha.KeyDense, mha.ValueDense, mha.OutputDense }.Select(l => l!.Name));
    }

    [Fact]
    public void ModelsBuiltHere_WriteKerasConfigs()
    {
        var query = Keras.Input(shape: (4, 6), name: "query");
        var value = Keras.Input(shape: (5, 8), name: "value");
        var key = Keras.Input(shape: (5, 7), name: "key");
        var cross = new MultiHeadAttention(3, 2, valueDim: 4, name: "mha_cross");
        var (output, scores) = cross.ApplyWithScores(query, value, key);
        var crossModel = new Functional([query, value, key], [output, scores], "mha_cross_scores");

        var q = Keras.Input(shape: (4, 6), name: "query");
        var v = Keras.Input(shape: (5, 6), name: "value");
        var m = Keras.Input(shape: (4, 5), name: "mask");
        var masked = new MultiHeadAttention(2, 3, name: "mha_masked");
        var maskedModel = new Functional([q, v, m], [masked.Apply(q, v, attentionMask: m)], "mha_attention_mask");

        var x = Keras.Input(shape: (5, 4), name: "x");
        var causal = new MultiHeadAttention(2, 3, outputShape: new Shape(2, 3), useBias: false, name: "mha_causal");
        var causalModel = new Functional([x], [causal.Apply(x, x, useCausalMask: true)], "mha_outshape_nobias_causal");

        foreach (var (caseName, layer, model) in new (string, Layer, Model)[]
                 { ("mha_cross_scores", cross, crossModel), ("mha_attention_mask", masked, maskedModel), ("mha_outshape_nobias_causal", causal, causalModel) })
        {
            var g = KerasGolden.Case(caseName);
            AssertJsonEqual(g.Json("layer_config"), Serialized(layer), caseName);
            AssertJsonEqual(InboundNodes(g.Json("model_config"), layer.Name), InboundNodes(Serialized(model)["config"]!, layer.Name), caseName);
        }

        Assert.Equal("(None, 4, 6)", output.Shape.ToString());
        Assert.Equal("(None, 3, 4, 4)", scores.Shape.ToString());
    }

    [Fact]
    public void EinsumDenseBuiltHere_WritesKerasConfigs()
    {
        var x = Keras.Input(shape: (3, 4), name: "x");
        var layers = new[]
        {
            new EinsumDense("abc,cd->abd", new Shape(3, 5), biasAxes: "d", name: "ed_step"),
            new EinsumDense("...b,bc->...c", 6, "tanh", "c", name: "ed_ellipsis"),
            new EinsumDense("abc,bcd->ad", 7, name: "ed_contract"),
        };
        var y = layers.Aggregate(x, (h, l) => l.Apply(h));

        var expected = KerasGolden.Case("mha_einsum_dense").Json("layer_configs").AsArray();
        for (var i = 0; i < layers.Length; i++)
        {
            AssertJsonEqual(expected[i]!, Serialized(layers[i]), layers[i].Name);
        }

        Assert.Equal("(None, 7)", y.Shape.ToString());
        Assert.Equal(["(4, 5)", "(5,)", "(5, 6)", "(6,)", "(3, 6, 7)"], layers.SelectMany(l => l.Weights).Select(w => w.Shape.ToString()));
    }

    [Fact]
    public void EagerCall_WithExplicitMasks_MatchesKerasPaddingMasks()
    {
        var g = KerasGolden.Case("mha_padding_masks");
        var model = Keras.Models.LoadModel(g.File("model.keras"));
        var (tokensQ, tokensV) = (g.Tensor("x0"), g.Tensor("x1"));
        var (eq, ev, eq2) = (model.GetLayer("emb_q").Apply(tokensQ), model.GetLayer("emb_v").Apply(tokensV), model.GetLayer("emb_q2").Apply(tokensQ));
        var self = (MultiHeadAttention)model.GetLayer("mha_pad_self");

        var crossOut = ((MultiHeadAttention)model.GetLayer("mha_pad")).Apply(eq.detach(), ev.detach(), queryMask: tokensQ.ne(0), valueMask: tokensV.ne(0));
        var (selfOut, scores) = self.ApplyWithScores(eq2, eq2);

        KerasGolden.AssertClose(g.Tensor("y0"), crossOut, 1e-5, "cross-attention with explicit masks");
        KerasGolden.AssertClose(g.Tensor("y1"), selfOut, 1e-5, "self-attention with the embedding's mask");
        KerasGolden.AssertClose(g.Tensor("y2"), scores, 1e-5, "scores");
        Assert.Equal(0f, scores[0, .., 3..].abs().max().item<float>());
        Assert.Equal(0f, scores[0, .., .., 3..].abs().max().item<float>());
    }

    [Fact]
    public void BadInputs_NameLayerArgumentAndValue()
    {
        var mha = new MultiHeadAttention(2, 3, name: "mha_bad");
        var x = ones(2, 4, 6);

        Assert.Contains("Received: num_heads=0", Assert.Throws<ArgumentException>(() => new MultiHeadAttention(0, 3)).Message);
        Assert.Contains("Received: key_dim=-1", Assert.Throws<ArgumentException>(() => new MultiHeadAttention(2, -1)).Message);
        Assert.Contains("Received: dropout=1", Assert.Throws<ArgumentException>(() => new MultiHeadAttention(2, 3, dropout: 1)).Message);
        Assert.Contains("Received: sliding_window=0", Assert.Throws<ArgumentException>(() => new MultiHeadAttention(2, 3, slidingWindow: 0)).Message);
        Assert.Contains("Layer \"mha_bad\" (MultiHeadAttention): argument `value` is required when a `key` is given",
            Assert.Throws<ArgumentException>(() => mha.Apply(x, null!, key: x)).Message);
        Assert.Contains("Layer \"mha_bad\" (MultiHeadAttention) takes a `query` and a `value` tensor",
            Assert.Throws<ArgumentException>(() => mha.Apply(x)).Message);
        Assert.Contains("argument `attention_mask` must broadcast to (2, 4, 5) (batch, query steps, key steps). Received: attention_mask.shape=(2, 5, 4)",
            Assert.Throws<ArgumentException>(() => mha.Apply(x, ones(2, 5, 6), attentionMask: ones(2, 5, 4))).Message);
        Assert.Contains("argument `value_mask` must have the shape of its input without the feature axis, (2, 5). Received: value_mask.shape=(2, 4)",
            Assert.Throws<ArgumentException>(() => mha.Apply(x, ones(2, 5, 6), valueMask: ones(2, 4))).Message);
        Assert.Contains("all dimensions of `value` and `key`, except the last one, must be equal. Received: value_shape=(None, 5, 6) and key_shape=(None, 4, 6)",
            Assert.Throws<ArgumentException>(() => new MultiHeadAttention(2, 3).Apply(Keras.Input(shape: (4, 6)), Keras.Input(shape: (5, 6)), Keras.Input(shape: (4, 6)))).Message);
        Assert.Contains("Invalid einsum equation 'ab->b'", Assert.Throws<ArgumentException>(() => new EinsumDense("ab->b", 3)).Message);
        Assert.Contains("Bias dimension 'z' was requested, but is not part of the output spec 'ac'",
            Assert.Throws<ArgumentException>(() => new EinsumDense("ab,bc->ac", 3, biasAxes: "z", name: "ed").Apply(Keras.Input(shape: 4))).Message);
    }

    internal static JsonNode Serialized(object obj) => JsonNode.Parse(KerasJson.Write(Keras.Saving.SerializeKerasObject(obj)))!;

    private static JsonNode InboundNodes(JsonNode modelConfig, string layer) =>
        modelConfig["layers"]!.AsArray().Single(l => l!["config"]!["name"]!.GetValue<string>() == layer)!["inbound_nodes"]!;

    internal static void AssertJsonEqual(JsonNode expected, JsonNode actual, string name)
    {
        RNNGoldenTests.WithoutConfigWorkDifferences(expected);
        RNNGoldenTests.WithoutConfigWorkDifferences(actual);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{name}: expected\n{expected.ToJsonString()}\nactual\n{actual.ToJsonString()}");
    }
}
