using DeepKeras.Layers;
using DeepKeras.Models;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Preprocessing;

public class TextVectorizationTests
{
    private static long[][] Rows(NDArray a)
    {
        Assert.Equal(NPTypeCode.Int64, a.typecode);
        var cols = (int)a.shape[1];
        var flat = a.ToArray<long>();
        return Enumerable.Range(0, (int)a.shape[0]).Select(i => flat[(i * cols)..((i + 1) * cols)]).ToArray();
    }

    [Fact]
    public void KerasDocstringExample_AdaptThenTransform()
    {
        var layer = new TextVectorization(maxTokens: 5000, outputMode: "int", outputSequenceLength: 4);
        layer.Adapt(["foo bar", "bar baz", "baz bada boom"]);
        // Counts: bar 2, baz 2, foo/bada/boom 1; ties in reverse code-point order → baz, bar; foo, boom, bada.
        Assert.Equal(["", "[UNK]", "baz", "bar", "foo", "boom", "bada"], layer.GetVocabulary());
        var y = layer.Transform(["foo qux bar", "qux baz"]);
        Assert.Equal([[4L, 1, 3, 0], [1L, 2, 0, 0]], Rows(y));
    }

    [Fact]
    public void KerasDocstringExample_AsALayerOnABatchOfRows()
    {
        // text_vectorization.py: vectorize_layer(input_data) with input_data = [["foo qux bar"], ["qux baz"]].
        var layer = new TextVectorization(maxTokens: 5000, outputMode: "int", outputSequenceLength: 4);
        layer.Adapt(["foo bar", "bar baz", "baz bada boom"]);
        var y = layer.Apply(new[,] { { "foo qux bar" }, { "qux baz" } });
        Assert.Equal(new long[] { 2, 4 }, y.shape);
        Assert.Equal(new long[] { 4, 1, 3, 0, 1, 2, 0, 0 }, y.data<long>().ToArray());
        Assert.Equal(new Shape(null, 4), layer.ComputeOutputShape(new Shape(null, 1)));
    }

    [Fact]
    public void CallableStandardizeAndSplit()
    {
        static string Upper(string s) => s.ToUpperInvariant();
        var layer = new TextVectorization(standardize: Upper, split: s => s.Split(','), name: "tv_callable");
        layer.Adapt(["a,b", "b,c", "B"]);
        Assert.Equal(["", "[UNK]", "B", "C", "A"], layer.GetVocabulary());
        Assert.Equal(new long[] { 4, 2, 1 }, layer.Apply(["a,B,zz"]).data<long>().ToArray());
        Assert.Equal("<function>", layer.GetConfig()["standardize"]);
        var wholeText = new TextVectorization(standardize: s => s.Trim(), split: null, vocabulary: ["red fox"]);
        Assert.Equal(new long[] { 2, 1 }, wholeText.Apply([" red fox ", "red"]).data<long>().ToArray());
    }

    [Fact]
    public void KerasDocstringExample_GivenVocabulary()
    {
        var layer = new TextVectorization(maxTokens: 5000, outputSequenceLength: 4, vocabulary: ["earth", "wind", "and", "fire"]);
        Assert.Equal(["", "[UNK]", "earth", "wind", "and", "fire"], layer.GetVocabulary());
        Assert.Equal(["earth", "wind", "and", "fire"], layer.GetVocabulary(includeSpecialTokens: false));
        Assert.Equal(6, layer.VocabularySize());
        Assert.Equal([[5L, 2, 4, 3]], Rows(layer.Transform(["Fire, earth and WIND!"])));
        var ex = Assert.Throws<InvalidOperationException>(() => layer.Adapt(["more text"]));
        Assert.Contains("after setting a static vocabulary", ex.Message);
    }

    [Fact]
    public void FrequencyOrder_MaxTokens_AndTieBreak()
    {
        var layer = new TextVectorization(maxTokens: 4, standardize: null);
        layer.Adapt(["a a a b b c", "d"]);
        // maxTokens 4 keeps 4 − 2 = 2 learned words; c and d become [UNK] (1).
        Assert.Equal(["", "[UNK]", "a", "b"], layer.GetVocabulary());
        Assert.Equal([[3L, 1, 1, 2]], Rows(layer.Transform(["b c d a"])));

        // Equal counts: reverse code-point order, so "b" (U+0062) > "a" (U+0061) > "B" (U+0042).
        var ties = new TextVectorization(standardize: null);
        ties.Adapt(["b a B"]);
        Assert.Equal(["", "[UNK]", "b", "a", "B"], ties.GetVocabulary());
    }

    [Fact]
    public void Standardize_Modes()
    {
        const string text = "Hello, World! It's ÉCOLE";
        string[] Vocab(string? mode)
        {
            var layer = new TextVectorization(standardize: mode);
            layer.Adapt([text]);
            return [.. layer.GetVocabulary(includeSpecialTokens: false).Order(StringComparer.Ordinal)];
        }

        // Lower-casing is ASCII-only (tf.strings.lower), so "ÉCOLE" becomes "École"; punctuation stripping removes ' too.
        Assert.Equal(["hello", "its", "world", "École"], Vocab("lower_and_strip_punctuation"));
        Assert.Equal(["hello,", "it's", "world!", "École"], Vocab("lower"));
        Assert.Equal(["Hello", "Its", "World", "ÉCOLE"], Vocab("strip_punctuation"));
        Assert.Equal(["Hello,", "It's", "World!", "ÉCOLE"], Vocab(null));
    }

    [Fact]
    public void OutputLength_PadsAndTruncates_AndDefaultsToLongestRow()
    {
        var layer = new TextVectorization(vocabulary: ["a", "b", "c"]);
        Assert.Equal([[2L, 3, 4], [3L, 0, 0]], Rows(layer.Transform(["a b c", "b"])));
        var fixedLength = new TextVectorization(vocabulary: ["a", "b", "c"], outputSequenceLength: 2);
        // Truncation keeps the first tokens.
        Assert.Equal([[2L, 3], [4L, 0]], Rows(fixedLength.Transform(["a b c", "c"])));
        // Extra whitespace makes no empty tokens; an empty text is all padding.
        Assert.Equal([[2L, 3], [0L, 0]], Rows(fixedLength.Transform(["  a \t\n b  ", ""])));
    }

    [Fact]
    public void SplitModes_CharacterAndNone()
    {
        var chars = new TextVectorization(split: "character", standardize: null);
        chars.Adapt(["abca"]);
        Assert.Equal(["", "[UNK]", "a", "c", "b"], chars.GetVocabulary());

        // split: null — each string is one token; the empty string is the mask token (0).
        var whole = new TextVectorization(split: (string?)null, standardize: null, vocabulary: ["red", "green"]);
        Assert.Equal([[3L], [0L], [1L]], Rows(whole.Transform(["green", "", "blue"])));
    }

    [Fact]
    public void MultiHotAndCount_UseOovIndexZero()
    {
        var count = new TextVectorization(outputMode: "count");
        count.Adapt(["foo bar", "bar baz baz"]);
        Assert.Equal(["[UNK]", "baz", "bar", "foo"], count.GetVocabulary());
        var c = count.Transform(["baz baz qux foo"]);
        Assert.Equal(NPTypeCode.Single, c.typecode);
        Assert.Equal(new float[] { 1, 2, 0, 1 }, c.ToArray<float>());

        var multiHot = new TextVectorization(outputMode: "multi_hot", vocabulary: ["baz", "bar", "foo"], maxTokens: 6, padToMaxTokens: true);
        var m = multiHot.Transform(["baz baz qux foo", "bar"]);
        Assert.Equal(new[] { 2, 6 }, m.shape.Select(d => (int)d).ToArray());
        Assert.Equal(new float[] { 1, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0 }, m.ToArray<float>());
    }

    [Fact]
    public void TfIdf_WeightsCountsByInverseDocumentFrequency()
    {
        var layer = new TextVectorization(outputMode: "tf_idf");
        layer.Adapt(["a b", "a c", "a"]);
        Assert.Equal(["[UNK]", "a", "c", "b"], layer.GetVocabulary());
        // idf = ln(1 + 3 documents / (1 + document count)); OOV gets the mean of the learned weights.
        double idfA = Math.Log(1 + (3 / 4.0)), idfBc = Math.Log(1 + (3 / 2.0)), oov = (idfA + (2 * idfBc)) / 3;
        var v = layer.Transform(["a a b z"]).ToArray<float>();
        Assert.Equal(4, v.Length);
        Assert.Equal(oov, v[0], 1e-6);
        Assert.Equal(2 * idfA, v[1], 1e-6);
        Assert.Equal(0, v[2], 1e-6);
        Assert.Equal(idfBc, v[3], 1e-6);
    }

    [Fact]
    public void SetVocabulary_AcceptsSpecialTokensAndRejectsBadVocabularies()
    {
        var layer = new TextVectorization(maxTokens: 4);
        layer.SetVocabulary(["", "[UNK]", "x", "y"]);
        Assert.Equal(["", "[UNK]", "x", "y"], layer.GetVocabulary());

        Assert.Contains("The repeated terms are: ['x']",
            Assert.Throws<ArgumentException>(() => layer.SetVocabulary(["x", "y", "x"])).Message);
        Assert.Contains("Found reserved mask token at unexpected location in `vocabulary`",
            Assert.Throws<ArgumentException>(() => layer.SetVocabulary(["x", "", "y"])).Message);
        Assert.Contains("Received vocabulary size is 5; `max_tokens` is 4",
            Assert.Throws<ArgumentException>(() => layer.SetVocabulary(["x", "y", "z"])).Message);
        Assert.Contains("Cannot set an empty vocabulary",
            Assert.Throws<ArgumentException>(() => layer.SetVocabulary([])).Message);
    }

    [Fact]
    public void BadConstructorArguments_GiveKerasMessages()
    {
        Assert.Contains("Unknown value for `standardize` argument of TextVectorization. Allowed values are: " +
            "('lower_and_strip_punctuation', 'lower', 'strip_punctuation'). Received: standardize=upper",
            Assert.Throws<ArgumentException>(() => new TextVectorization(standardize: "upper")).Message);
        Assert.Contains("Received: output_mode=one_hot",
            Assert.Throws<ArgumentException>(() => new TextVectorization(outputMode: "one_hot")).Message);
        Assert.Contains("`output_sequence_length` must not be set if `output_mode` is not 'int'",
            Assert.Throws<ArgumentException>(() => new TextVectorization(outputMode: "count", outputSequenceLength: 3)).Message);
        Assert.Contains("If set, `max_tokens` must be greater than 1. Received: max_tokens=1",
            Assert.Throws<ArgumentOutOfRangeException>(() => new TextVectorization(maxTokens: 1)).Message);
        Assert.Contains("When specifying the `vocabulary` argument, in TF-IDF output mode, the `idf_weights` argument must also be provided",
            Assert.Throws<ArgumentException>(() => new TextVectorization(outputMode: "tf_idf", vocabulary: ["a"])).Message);
    }

    [Fact]
    public void TransformBeforeAdapt_Throws()
    {
        var layer = new TextVectorization(name: "tv_unadapted");
        var ex = Assert.Throws<InvalidOperationException>(() => layer.Transform(["hello"]));
        Assert.Contains("'tv_unadapted' has no vocabulary yet", ex.Message);
        Assert.Equal(["", "[UNK]"], layer.GetVocabulary());
    }

    [Fact]
    public void GetConfig_UsesKerasKeys()
    {
        var layer = Keras.Layers.TextVectorization(maxTokens: 100, outputSequenceLength: 8, name: "tv_config");
        var config = layer.GetConfig();
        Assert.Equal("tv_config", config["name"]);
        Assert.Equal(100, config["max_tokens"]);
        Assert.Equal("lower_and_strip_punctuation", config["standardize"]);
        Assert.Equal("whitespace", config["split"]);
        Assert.Equal("int", config["output_mode"]);
        Assert.Equal(8, config["output_sequence_length"]);
        Assert.Equal(true, config["trainable"]);   // Keras's default: the layer has no weights either way
        Assert.Equal(2, config["vocabulary_size"]);
        Assert.Equal(
            ["name", "trainable", "dtype", "max_tokens", "standardize", "split", "ngrams", "output_mode", "output_sequence_length", "pad_to_max_tokens",
                "sparse", "ragged", "vocabulary", "idf_weights", "encoding", "vocabulary_size"],
            config.Keys);
        var fixedVocabulary = new TextVectorization(vocabulary: ["a", "b"], outputSequenceLength: 3);
        var back = Layer.FromConfig<TextVectorization>(fixedVocabulary.GetConfig());
        Assert.Equal(["", "[UNK]", "a", "b"], back.GetVocabulary());
        Assert.Equal(new long[] { 3, 2, 1 }, back.Apply(["b a c"]).data<long>().ToArray());
    }

    [Fact]
    public void Ngrams_AddTheJoinedNgramsAfterTheTokens_AsTfStringsNgrams()
    {
        // tf.strings.ngrams(tokens, ngram_width=(1, 2), separator=" "): 1-grams then 2-grams; "z" alone has no 2-gram.
        var layer = new TextVectorization(ngrams: 2, outputSequenceLength: 6);
        layer.Adapt(["a b c", "b c", "z"]);
        var vocabulary = layer.GetVocabulary();
        Assert.Equal(["", "[UNK]", "a", "a b", "b", "b c", "c", "z"], vocabulary.Order(StringComparer.Ordinal));
        Assert.Equal(["", "[UNK]"], vocabulary.Take(2));
        Assert.Equal(["b", "b c", "c"], vocabulary.Skip(2).Take(3).Order(StringComparer.Ordinal)); // counted twice, first
        long Id(string token) => vocabulary.ToList().IndexOf(token);
        Assert.Equal(new[] { Id("a"), Id("b"), Id("c"), Id("a b"), Id("b c"), 0 }, layer.Apply(["a b c"]).data<long>().ToArray());
        Assert.Equal(new[] { Id("z"), Id("b"), 1, Id("z"), 0, 0 }, layer.Apply(["z b q"]).data<long>().ToArray().Take(3)
            .Concat(layer.Apply(["z"]).data<long>().ToArray().Take(3)));
        Assert.Equal(2, layer.GetConfig()["ngrams"]);
        var error = Assert.Throws<ArgumentException>(() => new TextVectorization(ngrams: 0, name: "tv0"));
        Assert.StartsWith("TextVectorization 'tv0': `ngrams` must be None or a positive integer. Received: ngrams=0", error.Message);
    }

    [Fact]
    public void MultiHotFeatures_TrainASentimentClassifier()
    {
        // Generated reviews: positive ones use words from `good`, negative ones from `bad`, both mixed with neutral words.
        string[] good = ["great", "good", "excellent", "fun", "loved"], bad = ["awful", "bad", "boring", "poor", "hated"];
        string[] neutral = ["the", "movie", "was", "plot", "actors", "and"];
        var rng = new Random(5);
        var texts = new List<string>();
        var labels = new float[200];
        for (var i = 0; i < 200; i++)
        {
            labels[i] = i % 2;
            var words = Enumerable.Range(0, 6).Select(_ => neutral[rng.Next(neutral.Length)])
                .Append((i % 2 == 1 ? good : bad)[rng.Next(5)]).OrderBy(_ => rng.Next());
            texts.Add(string.Join(' ', words) + ".");
        }

        var vectorizer = new TextVectorization(outputMode: "multi_hot");
        vectorizer.Adapt(texts);
        var x = vectorizer.Transform(texts);
        Keras.Utils.SetRandomSeed(0);
        var model = new Sequential(new Dense(1, activation: "sigmoid", inputShape: vectorizer.VocabularySize()));
        model.Compile(optimizer: new DeepKeras.Optimizers.Adam(learningRate: 0.05), loss: "binary_crossentropy", metrics: ["accuracy"]);
        var history = model.Fit(x, labels, epochs: 30, batchSize: 32, verbose: 0);
        Assert.True(history["accuracy"][^1] > 0.95, $"accuracy {history["accuracy"][^1]}");
        Assert.True(history["loss"][^1] < history["loss"][0] / 2, $"loss {history["loss"][0]} → {history["loss"][^1]}");
    }
}
