using System.IO.Compression;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Tests.Saving;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Preprocessing;

/// <summary>
/// Models with a string <c>Input</c> (the keras-io text_classification_from_scratch end-to-end model): Predict, Fit and
/// Evaluate on string arrays give what the same layers give on the vectorized token ids, and save/load with the vocabulary.
/// </summary>
public class StringModelTests
{
    private static readonly string[] Texts =
    [
        "The movie was great!", "An awful, boring plot.", "Great actors, great fun.", "I hated it",
        "loved the plot and the actors", "bad movie", "excellent", "poor acting, boring",
    ];

    private static readonly float[] Labels = [1, 0, 1, 0, 1, 0, 1, 0];

    private static string[,] Column(string[] texts)
    {
        var result = new string[texts.Length, 1];
        for (var i = 0; i < texts.Length; i++)
        {
            result[i, 0] = texts[i];
        }

        return result;
    }

    private static string SummaryOf(Model model)
    {
        var lines = new List<string>();
        model.Summary(printFn: lines.Add);
        return string.Join("\n", lines);
    }

    private static TextVectorization Vectorizer()
    {
        var vectorizer = new TextVectorization(maxTokens: 30, outputSequenceLength: 6, name: "vectorizer");
        vectorizer.Adapt(Texts);
        return vectorizer;
    }

    // inputs = Input(shape=(1,), dtype="string"); x = vectorize_layer(inputs); … Embedding → GlobalAveragePooling1D → Dense
    private static (Model Model, Embedding Embedding, GlobalAveragePooling1D Pool, Dense Dense) EndToEnd(TextVectorization vectorizer)
    {
        var embedding = new Embedding(vectorizer.VocabularySize(), 4);
        var pool = new GlobalAveragePooling1D();
        var dense = new Dense(1, activation: "sigmoid");
        var inputs = Keras.Input(shape: 1, dtype: "string", name: "text");
        var outputs = dense.Apply(pool.Apply(embedding.Apply(vectorizer.Apply(inputs))));
        return (Keras.Model(inputs, outputs, name: "end_to_end"), embedding, pool, dense);
    }

    private static float[] ByHand(TextVectorization vectorizer, Embedding embedding, GlobalAveragePooling1D pool, Dense dense, string[] texts)
    {
        using var noGrad = no_grad();
        var ids = vectorizer.Apply(Column(texts));
        return dense.Apply(pool.Apply(embedding.Apply(ids))).data<float>().ToArray();
    }

    [Fact]
    public void Predict_OnAStringColumn_EqualsTheLayersAppliedByHandOnTheTokenIds()
    {
        Keras.Utils.SetRandomSeed(3);
        var vectorizer = Vectorizer();
        var (model, embedding, pool, dense) = EndToEnd(vectorizer);
        var expected = ByHand(vectorizer, embedding, pool, dense, Texts);

        var summary = SummaryOf(model);
        Assert.Contains("│ text (InputLayer)               │ (None, 1)              │             0 │", summary);
        Assert.Contains("│ vectorizer (TextVectorization)  │ (None, 6)              │             0 │", summary);

        var predicted = model.Predict(Column(Texts), batchSize: 3, verbose: 0);
        Assert.Equal([8, 1], predicted.shape);
        Assert.Equal(expected, predicted.ToArray<float>());

        // A rank-1 array of texts gets the trailing axis of the (batch, 1) Input, as in Keras; one text of unseen words maps
        // to [UNK] ids.
        Assert.Equal(expected, model.Predict(Texts, batchSize: 5, verbose: 0).ToArray<float>());
        Assert.Equal(expected, model.Predict(Texts.Select(t => new[] { t }).ToArray(), verbose: 0).ToArray<float>());
        Assert.Equal(ByHand(vectorizer, embedding, pool, dense, ["zzz qqq"]), model.Predict(new string[,] { { "zzz qqq" } }, verbose: 0).ToArray<float>());
    }

    [Fact]
    public void Sequential_WithAStringInput_PredictsLikeTheLayersByHand()
    {
        Keras.Utils.SetRandomSeed(4);
        var vectorizer = Vectorizer();
        var embedding = new Embedding(vectorizer.VocabularySize(), 3);
        var pool = new GlobalAveragePooling1D();
        var dense = new Dense(2);
        var model = Keras.Sequential(Keras.Input(shape: 1, dtype: "string"), vectorizer, embedding, pool, dense);
        Assert.Equal(ByHand(vectorizer, embedding, pool, dense, Texts), model.Predict(Column(Texts), verbose: 0).ToArray<float>());
    }

    [Fact]
    public void FitAndEvaluate_OnStrings_EqualTheSameTrainingOnTheVectorizedIds()
    {
        var vectorizer = Vectorizer();
        Keras.Utils.SetRandomSeed(5);
        var (textModel, _, _, _) = EndToEnd(vectorizer);
        var ids = Keras.Input(shape: 6, dtype: "int64");
        var idModel = Keras.Model(ids, new Dense(1, activation: "sigmoid").Apply(new GlobalAveragePooling1D().Apply(
            new Embedding(vectorizer.VocabularySize(), 4).Apply(ids))));
        idModel.SetWeights(textModel.GetWeights());
        Tensor tokenIds;
        using (no_grad())
        {
            tokenIds = vectorizer.Apply(Column(Texts));
        }

        textModel.Compile(optimizer: new DeepKeras.Optimizers.SGD(learningRate: 0.5), loss: "binary_crossentropy", metrics: ["accuracy"]);
        idModel.Compile(optimizer: new DeepKeras.Optimizers.SGD(learningRate: 0.5), loss: "binary_crossentropy", metrics: ["accuracy"]);

        Keras.Utils.SetRandomSeed(6);
        var textHistory = textModel.Fit(Texts, Labels, batchSize: 3, epochs: 5, validationSplit: 0.25, verbose: 0);
        Keras.Utils.SetRandomSeed(6);
        var idHistory = idModel.Fit(tokenIds, Labels, batchSize: 3, epochs: 5, validationSplit: 0.25, verbose: 0);

        Assert.Equal(5, textHistory["loss"].Count);
        foreach (var key in new[] { "loss", "accuracy", "val_loss", "val_accuracy" })
        {
            Assert.Equal(idHistory[key], textHistory[key]);
        }

        Assert.True(textHistory["loss"][^1] < textHistory["loss"][0], $"loss {textHistory["loss"][0]} → {textHistory["loss"][^1]}");
        var textEval = textModel.Evaluate(Column(Texts), Labels, batchSize: 4, verbose: 0);
        var idEval = idModel.Evaluate(tokenIds, Labels, batchSize: 4, verbose: 0);
        Assert.Equal(idEval["loss"], textEval["loss"]);
        Assert.Equal(idEval["accuracy"], textEval["accuracy"]);
    }

    [Fact]
    public void Fit_OnASequenceOfStringBatches_EqualsTheSameTrainingOnIdBatches()
    {
        var vectorizer = Vectorizer();
        Keras.Utils.SetRandomSeed(9);
        var (textModel, _, _, _) = EndToEnd(vectorizer);
        var ids = Keras.Input(shape: 6, dtype: "int64");
        var idModel = Keras.Model(ids, new Dense(1, activation: "sigmoid").Apply(new GlobalAveragePooling1D().Apply(
            new Embedding(vectorizer.VocabularySize(), 4).Apply(ids))));
        idModel.SetWeights(textModel.GetWeights());
        textModel.Compile(optimizer: new DeepKeras.Optimizers.SGD(learningRate: 0.5), loss: "binary_crossentropy");
        idModel.Compile(optimizer: new DeepKeras.Optimizers.SGD(learningRate: 0.5), loss: "binary_crossentropy");

        IEnumerable<(ArrayLike X, ArrayLike? Y, ArrayLike? SampleWeight)> Batches(bool vectorized)
        {
            for (var start = 0; start < Texts.Length; start += 3)
            {
                var texts = Column(Texts.Skip(start).Take(3).ToArray());
                ArrayLike x;
                using (no_grad())
                {
                    x = vectorized ? vectorizer.Apply(texts) : texts;
                }

                yield return (x, Labels.Skip(start).Take(3).ToArray(), null);
            }
        }

        var textHistory = textModel.Fit(Batches(false), epochs: 3, verbose: 0);
        var idHistory = idModel.Fit(Batches(true), epochs: 3, verbose: 0);
        Assert.Equal(idHistory["loss"], textHistory["loss"]);
        Assert.Equal(idModel.GetWeights()[0].ToArray<float>(), textModel.GetWeights()[0].ToArray<float>());
    }

    [Fact]
    public void SaveAndLoad_KeepsTheVocabularyAsset_AndPredictsTheSame()
    {
        Keras.Utils.SetRandomSeed(7);
        var vectorizer = Vectorizer();
        var (model, _, _, _) = EndToEnd(vectorizer);
        var before = model.Predict(Column(Texts), verbose: 0).ToArray<float>();
        var json = model.ToJson();
        Assert.Contains("\"class_name\": \"TextVectorization\"", json);
        Assert.Contains("\"dtype\": \"string\"", json);

        using var dir = new TempDir();
        var path = dir.File("text.keras");
        model.Save(path);
        using (var zip = ZipFile.OpenRead(path))
        {
            using var reader = new StreamReader(zip.GetEntry("assets/layers/text_vectorization/vocabulary.txt")!.Open());
            Assert.Equal(string.Join("\n", vectorizer.GetVocabulary()), reader.ReadToEnd());
        }

        var loaded = Keras.Models.LoadModel(path);
        Assert.Equal(json, loaded.ToJson());
        Assert.Equal(vectorizer.GetVocabulary(), ((TextVectorization)loaded.GetLayer("vectorizer")).GetVocabulary());
        Assert.Equal(before, loaded.Predict(Column(Texts), verbose: 0).ToArray<float>());
    }

    [Fact]
    public void AStringInput_FedToANonStringLayer_IsRejectedWhenTheModelIsBuilt()
    {
        var text = Keras.Input(shape: 1, dtype: "string", name: "text");
        var error = Assert.Throws<ArgumentException>(() => new Dense(2, name: "d").Apply(text));
        Assert.Equal("Layer \"d\" (Dense) received the string tensor of \"text\", but only StringLookup, TextVectorization and Hashing take strings: " +
            "put one of them between the string Input and this layer. (Parameter 'inputs')", error.Message);

        // A model nested as a layer takes a string tensor only where its own Input is a string one.
        var numeric = Keras.Sequential("numeric_block", Keras.Input(shape: 1), new Dense(2));
        Assert.StartsWith("Layer \"numeric_block\" (Sequential) received the string tensor of \"text\"",
            Assert.Throws<ArgumentException>(() => numeric.Apply(text)).Message);
        Keras.Utils.SetRandomSeed(10);
        var (inner, _, _, _) = EndToEnd(Vectorizer());
        var outer = Keras.Model(text, new Dense(1).Apply(inner.Apply(text)), name: "outer");
        var direct = inner.Predict(Column(Texts), verbose: 0).ToArray<float>();
        var dense = (Dense)outer.Layers[^1];
        using (no_grad())
        {
            var byHand = dense.Apply(tensor(direct, [Texts.Length, 1])).data<float>().ToArray();
            Assert.Equal(byHand, outer.Predict(Column(Texts), verbose: 0).ToArray<float>());
        }
    }

    [Fact]
    public void StringsForANumberInput_AndNumbersForAStringInput_AreRejected()
    {
        Keras.Utils.SetRandomSeed(8);
        var (textModel, _, _, _) = EndToEnd(Vectorizer());
        var numbers = Assert.Throws<ArgumentException>(() => textModel.Predict(new long[,] { { 3 }, { 4 } }, verbose: 0));
        Assert.StartsWith("Input 0 of model \"end_to_end\" has dtype \"string\" and expects a string array (string[] or string[,]), but `x` holds a Int64",
            numbers.Message);

        var dense = Keras.Sequential("numeric", Keras.Input(shape: 1), new Dense(1));
        var strings = Assert.Throws<ArgumentException>(() => dense.Predict(Column(Texts), verbose: 0));
        Assert.StartsWith("`x` holds strings for input 0 of model \"numeric\", whose dtype is \"float32\".", strings.Message);

        textModel.Compile(optimizer: "sgd", loss: "mse");
        var targets = Assert.Throws<ArgumentException>(() => textModel.Fit(Column(Texts), Texts, verbose: 0));
        Assert.StartsWith("The targets `y` are strings", targets.Message);
    }

    [Fact]
    public void IntegerData_ThatLooksLikeStringHandles_StaysIntegerData()
    {
        // The handles' tag in the top 16 bits: integer data with those bits still hashes as numbers, in and out of a model.
        long[] values = [(0x5354L << 48) | 5, (0x5354L << 48) | (7L << 32)];
        var hashing = new Hashing(numBins: 1000, name: "h");
        var model = Keras.Sequential(Keras.Input(shape: 1, dtype: "int64"), hashing);
        var expected = hashing.Apply(values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()).data<long>().ToArray();
        Assert.Equal(expected, model.Predict(new long[,] { { values[0] }, { values[1] } }, verbose: 0).ToArray<long>());
    }
}
