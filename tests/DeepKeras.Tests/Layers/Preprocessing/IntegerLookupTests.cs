using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Preprocessing;

public class IntegerLookupTests
{
    private static readonly long[] Vocab = [12, 36, 1138, 42];
    private static readonly long[,] Data = { { 12, 1138, 42 }, { 42, 1000, 36 } };
    private static readonly long[,] Data4 = { { 12, 1138, 42, 42 }, { 42, 7, 36, 7 } };

    private static long[] Ids(Tensor t) => StringLookupTests.Ids(t);

    private static float[] Floats(Tensor t) => StringLookupTests.Floats(t);

    // Every example of keras/src/layers/preprocessing/integer_lookup.py's docstring, with Keras's printed values.
    [Fact]
    public void Docstring_KnownVocabulary()
    {
        Assert.Equal([1L, 3, 4, 4, 0, 2], Ids(new IntegerLookup(vocabulary: Vocab).Apply(tensor(Data))));
    }

    [Fact]
    public void Docstring_AdaptedVocabulary()
    {
        var layer = new IntegerLookup();
        layer.Adapt(tensor(Data));
        Assert.Equal([-1L, 42, 1138, 1000, 36, 12], layer.GetVocabulary());
        Assert.Equal([5L, 2, 1, 1, 3, 4], Ids(layer.Apply(tensor(Data))));
    }

    [Fact]
    public void Docstring_MultipleOovIndices_FloorMod()
    {
        var y = new IntegerLookup(vocabulary: Vocab, numOovIndices: 2).Apply(tensor(new long[,] { { 12, 1138, 42 }, { 37, 1000, 36 } }));
        Assert.Equal([2L, 4, 5, 1, 0, 3], Ids(y));
    }

    [Fact]
    public void Docstring_FarmHashSpreadsOovIds()
    {
        var oov = tensor(new long[] { 100, 300, 700, 1100, 1700, 2000 });
        Assert.Equal([0L, 0, 0, 0, 0, 0], Ids(new IntegerLookup(vocabulary: [10, 20, 30], numOovIndices: 4, oovMethod: "floormod").Apply(oov)));
        Assert.Equal([3L, 3, 2, 2, 0, 1], Ids(new IntegerLookup(vocabulary: [10, 20, 30], numOovIndices: 4, oovMethod: "farmhash").Apply(oov)));
    }

    [Fact]
    public void Docstring_OneHot()
    {
        var y = new IntegerLookup(vocabulary: Vocab, outputMode: "one_hot").Apply(tensor(new long[] { 12, 36, 1138, 42, 7 }));
        Assert.Equal(new long[] { 5, 5 }, y.shape);
        Assert.Equal(new float[] { 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0 }, Floats(y));
    }

    [Fact]
    public void Docstring_MultiHotAndCount()
    {
        Assert.Equal(new float[] { 0, 1, 0, 1, 1, 1, 0, 1, 0, 1 }, Floats(new IntegerLookup(vocabulary: Vocab, outputMode: "multi_hot").Apply(tensor(Data4))));
        Assert.Equal(new float[] { 0, 1, 0, 1, 2, 2, 0, 1, 0, 1 }, Floats(new IntegerLookup(vocabulary: Vocab, outputMode: "count").Apply(tensor(Data4))));
    }

    [Fact]
    public void Docstring_TfIdf()
    {
        var eq = new StringLookupTests.FloatEq(1e-6f);
        var mean = new IntegerLookup(outputMode: "tf_idf", vocabulary: Vocab, idfWeights: [0.25, 0.75, 0.6, 0.4]);
        Assert.Equal(new float[] { 0, 0.25f, 0, 0.6f, 0.8f, 1.0f, 0, 0.75f, 0, 0.4f }, Floats(mean.Apply(tensor(Data4))), eq);
        var given = new IntegerLookup(outputMode: "tf_idf", vocabulary: [-1, 12, 36, 1138, 42], idfWeights: [0.9, 0.25, 0.75, 0.6, 0.4]);
        Assert.Equal(new float[] { 0, 0.25f, 0, 0.6f, 0.8f, 1.8f, 0, 0.75f, 0, 0.4f }, Floats(given.Apply(tensor(Data4))), eq);
    }

    [Fact]
    public void Docstring_InverseLookup_AndPairs()
    {
        var inverse = new IntegerLookup(vocabulary: Vocab, invert: true);
        Assert.Equal([12L, 1138, 42, 42, -1, 36], Ids(inverse.Apply(tensor(new long[,] { { 1, 3, 4 }, { 4, 0, 2 } }))));
        var forward = new IntegerLookup(vocabulary: Vocab);
        var pair = new IntegerLookup(vocabulary: forward.GetVocabulary(), invert: true);
        Assert.Equal([12L, 1138, 42, 42, -1, 36], Ids(pair.Apply(forward.Apply(tensor(Data)))));
    }

    [Fact]
    public void InsideAFunctionalModel_FeedsAnEmbedding()
    {
        var input = Keras.Input(shape: 3, dtype: "int64");
        var lookup = new IntegerLookup(vocabulary: Vocab, maskToken: 0);
        var ids = lookup.Apply(input);
        Assert.Equal(new Shape(null, 3), ids.Shape);
        var model = Keras.Model(input, Keras.Layers.Embedding(lookup.VocabularySize(), 2).Apply(ids));
        var y = model.Predict(tensor(new long[,] { { 12, 0, 5 } }), verbose: 0);
        Assert.Equal(new long[] { 1, 3, 2 }, y.shape);
        Assert.Equal([2L, 0, 1], Ids(lookup.Apply(tensor(new long[,] { { 12, 0, 5 } }))));
    }

    [Fact]
    public void VocabularyFile_AndConfig()
    {
        var path = Path.Combine(Path.GetTempPath(), $"il-vocab-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "12\n36\n1138\n42\n");
        try
        {
            var layer = new IntegerLookup(vocabulary: path);
            Assert.Equal([-1L, 12, 36, 1138, 42], layer.GetVocabulary());
            Assert.Equal([1L, 3, 4, 4, 0, 2], Ids(layer.Apply(tensor(Data))));
            File.WriteAllText(path, "12\nx\n");
            Assert.Contains("line 2", Assert.Throws<ArgumentException>(() => new IntegerLookup(vocabulary: path)).Message);
        }
        finally
        {
            File.Delete(path);
        }

        var c = new IntegerLookup(vocabulary: Vocab, name: "il").GetConfig();
        Assert.Equal("int64", c["vocabulary_dtype"]);
        Assert.Equal("floormod", c["oov_method"]);
        Assert.Equal(-1L, c["oov_token"]);
        var back = Layer.FromConfig<IntegerLookup>(c);
        Assert.Equal(Vocab.Prepend(-1L), back.GetVocabulary());
    }

    [Fact]
    public void BadInput_NamesTheLayerAndArgument()
    {
        Assert.Contains("`salt` can only be used when `oov_method='farmhash'`",
            Assert.Throws<ArgumentException>(() => new IntegerLookup(salt: [1])).Message);
        Assert.Contains("Received: num_oov_indices=-1", Assert.Throws<ArgumentOutOfRangeException>(() => new IntegerLookup(numOovIndices: -1)).Message);
        Assert.Contains("expects integer inputs", Assert.Throws<ArgumentException>(() => new IntegerLookup(vocabulary: Vocab).Apply(ones(2))).Message);
        Assert.Contains("vocabulary_dtype='int64'", Assert.Throws<ArgumentException>(() => new IntegerLookup(vocabularyDtype: "int32")).Message);
    }
}
