using System.IO.Compression;
using DeepKeras.Layers;
using DeepKeras.Models;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Preprocessing;

public class LookupSavingTests
{
    private static string TempModel() => Path.Combine(Path.GetTempPath(), $"lookup-{Guid.NewGuid():N}.keras");

    private static Dictionary<string, string> Members(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var r = new StreamReader(e.Open());
            return e.FullName.EndsWith(".h5", StringComparison.Ordinal) ? "" : r.ReadToEnd();
        });
    }

    [Fact]
    public void AdaptedLayers_SaveTheirVocabularyAsKerasAssets_AndLoadBack()
    {
        var ids = Keras.Input(shape: 3, dtype: "int64", name: "ids");
        var intLookup = new IntegerLookup(name: "il");
        intLookup.Adapt(tensor(new long[,] { { 12, 1138, 42 }, { 42, 1000, 36 } }));
        var text = Keras.Input(shape: 1, dtype: "string", name: "text");
        var vectorizer = new TextVectorization(outputSequenceLength: 3, name: "tv");
        vectorizer.Adapt(["foo bar", "bar baz", "baz bada boom"]);
        var model = Keras.Model(new[] { ids, text }, new[]
        {
            Keras.Layers.Embedding(intLookup.VocabularySize(), 2).Apply(intLookup.Apply(ids)),
            Keras.Layers.Embedding(vectorizer.VocabularySize(), 2).Apply(vectorizer.Apply(text)),
        });
        var path = TempModel();
        try
        {
            model.Save(path);
            var members = Members(path);
            // Keras's layout: assets/<saving path>/vocabulary.txt (a functional model's layers are named by class), every token
            // with the special ones, one a line; TextVectorization's inner `_lookup_layer` saves its own copy, as in Keras.
            Assert.Equal(
                ["assets/layers/integer_lookup/vocabulary.txt", "assets/layers/text_vectorization/_lookup_layer/vocabulary.txt",
                    "assets/layers/text_vectorization/vocabulary.txt"],
                members.Keys.Where(k => k.StartsWith("assets/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            Assert.Equal("-1\n42\n1138\n1000\n36\n12", members["assets/layers/integer_lookup/vocabulary.txt"]);
            Assert.Equal("\n[UNK]\nbaz\nbar\nfoo\nboom\nbada", members["assets/layers/text_vectorization/vocabulary.txt"]);
            Assert.Equal(members["assets/layers/text_vectorization/vocabulary.txt"], members["assets/layers/text_vectorization/_lookup_layer/vocabulary.txt"]);
            Assert.Contains("\"vocabulary\": null", members["config.json"]);

            var loaded = Keras.Models.LoadModel(path);
            var il = (IntegerLookup)loaded.GetLayer("il");
            var tv = (TextVectorization)loaded.GetLayer("tv");
            Assert.Equal(intLookup.GetVocabulary(), il.GetVocabulary());
            Assert.Equal(vectorizer.GetVocabulary(), tv.GetVocabulary());
            Assert.Equal(new long[] { 4, 1, 3 }, tv.Apply(["foo qux bar"]).data<long>().ToArray());
            Assert.Equal(new long[] { 5, 2, 1 }, il.Apply(tensor(new long[,] { { 12, 1138, 42 } })).data<long>().ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void GivenVocabularies_AreInTheConfig_NotInAssets()
    {
        var ids = Keras.Input(shape: 2, dtype: "int64");
        var model = Keras.Model(ids, new IntegerLookup(vocabulary: [7, 9], outputMode: "multi_hot", name: "il_fixed").Apply(ids));
        var path = TempModel();
        try
        {
            model.Save(path);
            var members = Members(path);
            Assert.DoesNotContain(members.Keys, k => k.StartsWith("assets/", StringComparison.Ordinal));
            Assert.Contains("\"vocabulary\": [7, 9]", members["config.json"].Replace("\n", "").Replace("  ", " ").Replace("[ ", "["), StringComparison.Ordinal);
            var loaded = Keras.Models.LoadModel(path);
            Assert.Equal(new float[] { 1, 1, 0, 0, 0, 1 }, loaded.Apply(tensor(new long[,] { { 5, 7 }, { 9, 9 } })).data<float>().ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
