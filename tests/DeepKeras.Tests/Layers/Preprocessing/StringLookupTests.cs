using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Preprocessing;

public class StringLookupTests
{
    private static readonly string[] Vocab = ["a", "b", "c", "d"];
    private static readonly string[,] Data = { { "a", "c", "d" }, { "d", "z", "b" } };
    private static readonly string[,] Data4 = { { "a", "c", "d", "d" }, { "d", "z", "b", "z" } };

    internal static long[] Ids(Tensor t)
    {
        Assert.Equal(ScalarType.Int64, t.dtype);
        return t.data<long>().ToArray();
    }

    internal static float[] Floats(Tensor t)
    {
        Assert.Equal(ScalarType.Float32, t.dtype);
        return t.data<float>().ToArray();
    }

    // Every example of keras/src/layers/preprocessing/string_lookup.py's docstring, with Keras's printed values.
    [Fact]
    public void Docstring_KnownVocabulary()
    {
        var y = new StringLookup(vocabulary: Vocab).Apply(Data);
        Assert.Equal(new long[] { 2, 3 }, y.shape);
        Assert.Equal([1L, 3, 4, 4, 0, 2], Ids(y));
    }

    [Fact]
    public void Docstring_AdaptedVocabulary()
    {
        var layer = new StringLookup();
        layer.Adapt(Data);
        Assert.Equal(["[UNK]", "d", "z", "c", "b", "a"], layer.GetVocabulary());
        Assert.Equal([5L, 3, 1, 1, 2, 4], Ids(layer.Apply(Data)));
    }

    [Fact]
    public void Docstring_MultipleOovIndices_HashWithFarmHash()
    {
        var y = new StringLookup(vocabulary: Vocab, numOovIndices: 2).Apply(new[,] { { "a", "c", "d" }, { "m", "z", "b" } });
        Assert.Equal([2L, 4, 5, 0, 1, 3], Ids(y));
    }

    [Fact]
    public void Docstring_OneHot()
    {
        var y = new StringLookup(vocabulary: Vocab, outputMode: "one_hot").Apply(["a", "b", "c", "d", "z"]);
        Assert.Equal(new long[] { 5, 5 }, y.shape);
        Assert.Equal(new float[] { 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0 }, Floats(y));
    }

    [Fact]
    public void Docstring_MultiHot()
    {
        var y = new StringLookup(vocabulary: Vocab, outputMode: "multi_hot").Apply(Data4);
        Assert.Equal(new long[] { 2, 5 }, y.shape);
        Assert.Equal(new float[] { 0, 1, 0, 1, 1, 1, 0, 1, 0, 1 }, Floats(y));
    }

    [Fact]
    public void Docstring_Count()
    {
        Assert.Equal(new float[] { 0, 1, 0, 1, 2, 2, 0, 1, 0, 1 }, Floats(new StringLookup(vocabulary: Vocab, outputMode: "count").Apply(Data4)));
    }

    [Fact]
    public void Docstring_TfIdf_OovWeightIsTheMean()
    {
        var layer = new StringLookup(outputMode: "tf_idf");
        layer.SetVocabulary(Vocab, [0.25, 0.75, 0.6, 0.4]);
        var y = Floats(layer.Apply(Data4));
        Assert.Equal(new float[] { 0, 0.25f, 0, 0.6f, 0.8f, 1.0f, 0, 0.75f, 0, 0.4f }, y, new FloatEq(1e-6f));
    }

    [Fact]
    public void Docstring_TfIdf_WithOovWeight()
    {
        var layer = new StringLookup(outputMode: "tf_idf");
        layer.SetVocabulary(["[UNK]", "a", "b", "c", "d"], [0.9, 0.25, 0.75, 0.6, 0.4]);
        Assert.Equal(new float[] { 0, 0.25f, 0, 0.6f, 0.8f, 1.8f, 0, 0.75f, 0, 0.4f }, Floats(layer.Apply(Data4)), new FloatEq(1e-6f));
    }

    [Fact]
    public void Docstring_InverseLookup()
    {
        var layer = new StringLookup(vocabulary: Vocab, invert: true);
        var back = (string[,])layer.ApplyInverted(tensor(new long[,] { { 1, 3, 4 }, { 4, 0, 2 } }));
        Assert.Equal(new[,] { { "a", "c", "d" }, { "d", "[UNK]", "b" } }, back);
    }

    [Fact]
    public void Docstring_ForwardAndInversePairs()
    {
        var forward = new StringLookup(vocabulary: Vocab);
        var inverse = new StringLookup(vocabulary: Vocab, invert: true);
        Assert.Equal(new[,] { { "a", "c", "d" }, { "d", "[UNK]", "b" } }, (string[,])inverse.ApplyInverted(forward.Apply(Data)));
    }

    [Fact]
    public void MaskToken_MapsToZero_AndIsDroppedInVectorModes()
    {
        var layer = new StringLookup(vocabulary: Vocab, maskToken: "");
        Assert.Equal(["", "[UNK]", "a", "b", "c", "d"], layer.GetVocabulary());
        Assert.Equal([2L, 0, 1], Ids(layer.Apply(["a", "", "q"])));
        var multiHot = new StringLookup(vocabulary: Vocab, maskToken: "", outputMode: "multi_hot");
        Assert.Equal(new float[] { 0, 1, 0, 0, 0 }, Floats(multiHot.Apply(["a", ""])));
        var inverse = new StringLookup(vocabulary: Vocab, maskToken: "", invert: true);
        Assert.Equal(["", "[UNK]", "a", "d"], (string[])inverse.ApplyInverted(tensor(new long[] { 0, 1, 2, 5 })));
    }

    [Fact]
    public void Adapt_MaxTokens_TieBreak_AndTfIdf()
    {
        var layer = new StringLookup(maxTokens: 3);
        layer.Adapt(["x", "y", "y", "z", "z", "w"]);
        // y and z have 2 each (z first: descending order), then one slot is left for the OOV token.
        Assert.Equal(["[UNK]", "z", "y"], layer.GetVocabulary());
        Assert.Equal(["z", "y"], layer.GetVocabulary(includeSpecialTokens: false));
        Assert.Equal(3, layer.VocabularySize());

        var tfidf = new StringLookup(outputMode: "tf_idf");
        tfidf.Adapt(new[] { new[] { "a", "b" }, new[] { "a", "c" }, new[] { "a" } });
        Assert.Equal(["[UNK]", "a", "c", "b"], tfidf.GetVocabulary());
        double idfA = Math.Log(1 + (3 / 4.0)), idfBc = Math.Log(1 + (3 / 2.0)), oov = (idfA + (2 * idfBc)) / 3;
        Assert.Equal(new[] { (float)oov, (float)(2 * idfA), 0f, (float)idfBc }, Floats(tfidf.Apply(new[,] { { "a", "a", "b", "q" } })), new FloatEq(1e-6f));
    }

    [Fact]
    public void VocabularyFile_OneTokenPerLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sl-vocab-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "a\nb\nc\nd\n");
        try
        {
            var layer = new StringLookup(vocabulary: path);
            Assert.Equal(["[UNK]", "a", "b", "c", "d"], layer.GetVocabulary());
            Assert.Equal([1L, 3, 4, 4, 0, 2], Ids(layer.Apply(Data)));
            Assert.Null(layer.GetConfig()["vocabulary"]);
            Assert.Contains("after setting a static vocabulary", Assert.Throws<InvalidOperationException>(() => layer.Adapt(["a"])).Message);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Contains("does not exist", Assert.Throws<ArgumentException>(() => new StringLookup(vocabulary: path)).Message);
    }

    [Fact]
    public void Config_HasKerasKeys_AndRoundTrips()
    {
        var layer = new StringLookup(vocabulary: Vocab, numOovIndices: 2, name: "sl");
        var c = layer.GetConfig();
        Assert.Equal(
            ["name", "trainable", "dtype", "invert", "max_tokens", "num_oov_indices", "oov_token", "mask_token", "output_mode", "sparse",
                "pad_to_max_tokens", "idf_weights", "vocabulary", "vocabulary_size", "oov_method", "salt", "encoding"],
            c.Keys);
        Assert.Equal(6, c["vocabulary_size"]);
        var back = Layer.FromConfig<StringLookup>(c);
        Assert.Equal(Ids(layer.Apply(Data)), Ids(back.Apply(Data)));
    }

    [Fact]
    public void BadInput_NamesTheLayerAndArgument()
    {
        var ex = Assert.Throws<ArgumentException>(() => new StringLookup(outputMode: "onehot", name: "sl_bad"));
        Assert.Contains("Unknown value for `output_mode` argument of StringLookup", ex.Message);
        Assert.Equal("outputMode", ex.ParamName);
        Assert.Contains("`output_mode` must be `'int'` when `invert` is true",
            Assert.Throws<ArgumentException>(() => new StringLookup(invert: true, outputMode: "count")).Message);
        Assert.Contains("The repeated terms are: ['a']", Assert.Throws<ArgumentException>(() => new StringLookup(vocabulary: ["a", "b", "a"])).Message);
        Assert.Contains("Received vocabulary size is 5; `max_tokens` is 3",
            Assert.Throws<ArgumentException>(() => new StringLookup(maxTokens: 3, vocabulary: Vocab)).Message);
        Assert.Contains("found OOV values ['z']",
            Assert.Throws<ArgumentException>(() => new StringLookup(vocabulary: Vocab, numOovIndices: 0).Apply(Data)).Message);
        Assert.Contains("expects strings", Assert.Throws<ArgumentException>(() => new StringLookup(vocabulary: Vocab, name: "sl_t").Apply(ones(2))).Message);
        Assert.Contains("you must set the layer's vocabulary",
            Assert.Throws<InvalidOperationException>(() => new StringLookup(outputMode: "multi_hot").Apply(["a"])).Message);
    }

    internal sealed class FloatEq(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
