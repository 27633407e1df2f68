using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Golden;

/// <summary>
/// keras-io's text_classification_with_transformer classifier (token and position embeddings, a Transformer block of
/// MultiHeadAttention, residual LayerNormalization and a Dense feed-forward, pooling and a dense head; dropout rates 0),
/// built here and trained two steps from Keras's initial weights (scripts/keras-golden/gen_mha.py, case mha_transformer):
/// Keras's losses, final weights and summary.
/// </summary>
public sealed class TransformerBlockGoldenTests
{
    private const int MaxLen = 6, Vocab = 20, EmbedDim = 8, Heads = 2, FfDim = 8;

    private static Functional BuildTransformer()
    {
        var tokens = Keras.Input(shape: MaxLen, dtype: "int32", name: "tokens");
        var positions = Keras.Input(shape: MaxLen, dtype: "int32", name: "positions");
        var h = new Add(name: "embed").Apply(
            new Embedding(Vocab, EmbedDim, name: "token_emb").Apply(tokens),
            new Embedding(MaxLen, EmbedDim, name: "pos_emb").Apply(positions));
        var attention = new MultiHeadAttention(Heads, EmbedDim, name: "att").Apply(h, h);
        attention = new Dropout(0.0, name: "dropout1").Apply(attention);
        var out1 = new LayerNormalization(epsilon: 1e-6, name: "layernorm1").Apply(new Add(name: "res1").Apply(h, attention));
        var ffn = new Dense(FfDim, "relu", name: "ffn_1").Apply(out1);
        ffn = new Dense(EmbedDim, name: "ffn_2").Apply(ffn);
        ffn = new Dropout(0.0, name: "dropout2").Apply(ffn);
        var block = new LayerNormalization(epsilon: 1e-6, name: "layernorm2").Apply(new Add(name: "res2").Apply(out1, ffn));
        var y = new GlobalAveragePooling1D(name: "pool").Apply(block);
        y = new Dropout(0.0, name: "dropout3").Apply(y);
        y = new Dense(6, "relu", name: "head").Apply(y);
        y = new Dense(2, "softmax", name: "classes").Apply(y);
        return new Functional([tokens, positions], [y], "transformer");
    }

    private static double[] TrainTwoSteps(Model model, KerasGolden g)
    {
        model.Compile(optimizer: new Adam(0.01), loss: "sparse_categorical_crossentropy");
        var (x0, x1, y) = (g.Tensor("x0"), g.Tensor("x1"), g.Tensor("y"));
        return [.. Enumerable.Range(0, 2).Select(step =>
        {
            var rows = arange(4 * step, 4 * step + 4);
            return model.TrainOnBatch(new ArrayLike[] { x0[rows], x1[rows] }, y[rows]).Loss;
        })];
    }

    private static void AssertKerasTraining(Model model, KerasGolden g)
    {
        var losses = TrainTwoSteps(model, g);

        KerasGolden.AssertClose(g.Tensor("losses"), tensor(losses).to(float32), 1e-5, "losses");
        var weights = model.Weights;
        Assert.Equal(22, weights.Count);
        for (var i = 0; i < weights.Count; i++)
        {
            KerasGolden.AssertClose(g.Tensor($"w{i}"), weights[i].Value, 1e-5, $"weight {i} ({weights[i].Path})");
        }
    }

    [Fact]
    public void BuiltHere_TrainsTwoStepsLikeKeras_AndPrintsKerasSummary()
    {
        var g = KerasGolden.Case("mha_transformer");
        var model = BuildTransformer();
        model.SetWeights(Keras.Models.LoadModel(g.File("model_init.keras")).GetWeights());

        AssertKerasTraining(model, g);
        var lines = new List<string>();
        model.Summary(lineLength: 88, printFn: lines.Add);
        Assert.Equal(g.Text("summary").TrimEnd('\n'), string.Join("\n", lines).TrimEnd('\n'));
    }

    [Fact]
    public void KerasSavedInitialModel_TrainsTwoStepsLikeKeras()
    {
        var g = KerasGolden.Case("mha_transformer");

        AssertKerasTraining(Keras.Models.LoadModel(g.File("model_init.keras"), compile: false), g);
    }

    [Fact]
    public void KerasTrainedModel_PredictsLikeTheModelTrainedHere()
    {
        var g = KerasGolden.Case("mha_transformer");
        var trainedHere = BuildTransformer();
        trainedHere.SetWeights(Keras.Models.LoadModel(g.File("model_init.keras")).GetWeights());
        TrainTwoSteps(trainedHere, g);
        var inputs = new ArrayLike[] { g.Tensor("x0"), g.Tensor("x1") };

        var expected = Keras.Models.LoadModel(g.File("model.keras")).PredictTensors(inputs)[0];

        KerasGolden.AssertClose(expected, trainedHere.PredictTensors(inputs)[0], 1e-5, "predictions");
    }
}
