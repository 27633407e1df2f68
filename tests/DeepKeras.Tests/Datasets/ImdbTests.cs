using System.Security.Cryptography;
using System.Text;
using DeepKeras.Tests.TestUtil;
using NumSharp;

namespace DeepKeras.Tests.Datasets;

public class ImdbTests
{
    // With seed 113 numpy shuffles np.arange(10) (train) to [9 3 6 1 0 7 4 8 2 5], then np.arange(7) (test) to [5 1 0 3 6 4 2].
    private static readonly int[] TrainOrder = [9, 3, 6, 1, 0, 7, 4, 8, 2, 5];
    private static readonly int[] TestOrder = [5, 1, 0, 3, 6, 4, 2];

    // imdb.npz layout: x_* object arrays of int lists (pickled as numpy does), y_* int64 labels.
    private static byte[] ImdbNpz(int[][] xTrain, long[] yTrain, int[][] xTest, long[] yTest) => DatasetFiles.Npz(
        ("x_test", NumpyPickle.ObjectArrayNpy(xTest)),
        ("x_train", NumpyPickle.ObjectArrayNpy(xTrain)),
        ("y_train", DatasetFiles.Npy("<i8", [yTrain.Length], DatasetFiles.Longs(yTrain))),
        ("y_test", DatasetFiles.Npy("<i8", [yTest.Length], DatasetFiles.Longs(yTest))));

    // Train review i is the single word of rank i + 1 and test review j the word of rank 100 + j; labels i mod 2.
    private static byte[] OneWordReviews() => ImdbNpz(
        Enumerable.Range(0, 10).Select(i => new[] { i + 1 }).ToArray(), Enumerable.Range(0, 10).Select(i => (long)(i % 2)).ToArray(),
        Enumerable.Range(0, 7).Select(j => new[] { 100 + j }).ToArray(), Enumerable.Range(0, 7).Select(j => (long)(j % 2)).ToArray());

    // Train review i has the words of rank 1 … i + 1 (lengths 1 … 10); test review j the word of rank j + 1.
    private static byte[] GrowingReviews() => ImdbNpz(
        Enumerable.Range(0, 10).Select(i => Enumerable.Range(1, i + 1).ToArray()).ToArray(), Enumerable.Range(0, 10).Select(i => (long)(i % 2)).ToArray(),
        Enumerable.Range(0, 7).Select(j => new[] { j + 1 }).ToArray(), Enumerable.Range(0, 7).Select(j => (long)(j % 2)).ToArray());

    [Fact]
    public void LoadData_Defaults_ShuffleLikeNumpy_AddStartAndIndexFrom_AndTheLargestIdBecomesOov()
    {
        using var home = new KerasHomeScope($"http://127.0.0.1:{LocalFileServer.FreePort()}/");
        var path = home.Put("imdb.npz", OneWordReviews());

        var ((xTrain, yTrain), (xTest, yTest)) = Keras.Datasets.Imdb.Load(path, null);

        // Train position k holds review TrainOrder[k]: [start_char 1, rank + index_from 3].
        Assert.Equal(TrainOrder.Select(i => new[] { 1, i + 1 + 3 }).ToArray(), xTrain);
        Assert.Equal(TrainOrder.Select(i => (long)(i % 2)).ToArray(), yTrain.ToArray<long>());
        Assert.Equal(NPTypeCode.Int64, yTrain.typecode);
        // num_words defaults to the largest id, 100 + 6 + 3 = 109, and Keras keeps ids < num_words: review 6 becomes OOV (2).
        Assert.Equal(new[] { new[] { 1, 108 }, [1, 104], [1, 103], [1, 106], [1, 2], [1, 107], [1, 105] }, xTest);
        Assert.Equal(TestOrder.Select(j => (long)(j % 2)).ToArray(), yTest.ToArray<long>());
    }

    [Fact]
    public void LoadData_MaxlenSkipTopNumWords_FilterThenMapToOov()
    {
        using var home = new KerasHomeScope($"http://127.0.0.1:{LocalFileServer.FreePort()}/");
        var path = home.Put("imdb.npz", GrowingReviews());

        var ((xTrain, yTrain), (xTest, yTest)) = Keras.Datasets.Imdb.Load(path, null, numWords: 6, skipTop: 4, maxlen: 5);

        // Encoded train review i is [1, 4, 5, …, i + 4] of length i + 2; maxlen 5 keeps lengths < 5, i.e. reviews 0, 1, 2,
        // in shuffled order 1, 0, 2. Ids outside [skip_top 4, num_words 6) become 2, the start character 1 included.
        Assert.Equal(new[] { new[] { 2, 4, 5 }, [2, 4], [2, 4, 5, 2] }, xTrain);
        Assert.Equal(new long[] { 1, 0, 0 }, yTrain.ToArray<long>());
        // Test review j is [1, j + 4]; shuffled j = 5 1 0 3 6 4 2 gives ids 9 5 4 7 10 8 6, of which only 4 and 5 survive.
        Assert.Equal(new[] { new[] { 2, 2 }, [2, 5], [2, 4], [2, 2], [2, 2], [2, 2], [2, 2] }, xTest);
        Assert.Equal(TestOrder.Select(j => (long)(j % 2)).ToArray(), yTest.ToArray<long>());
    }

    [Fact]
    public void LoadData_OovCharNull_DropsWords_StartCharNull_AndIndexFromZero()
    {
        using var home = new KerasHomeScope($"http://127.0.0.1:{LocalFileServer.FreePort()}/");
        var growing = home.Put("growing.npz", GrowingReviews());
        var oneWord = home.Put("one.npz", OneWordReviews());

        var ((dropped, _), _) = Keras.Datasets.Imdb.Load(growing, null, numWords: 6, skipTop: 4, maxlen: 5, oovChar: null);
        var ((plainTrain, _), (plainTest, _)) = Keras.Datasets.Imdb.Load(oneWord, null, startChar: null, indexFrom: 0);

        Assert.Equal(new[] { new[] { 4, 5 }, [4], [4, 5] }, dropped);
        Assert.Equal(TrainOrder.Select(i => new[] { i + 1 }).ToArray(), plainTrain);
        // num_words = the largest id 106, so the word 106 (test review 6) becomes OOV 2.
        Assert.Equal(new[] { new[] { 105 }, [101], [100], [103], [2], [104], [102] }, plainTest);
    }

    [Fact]
    public void LoadData_AnotherSeed_GivesAnotherOrder_SameContent()
    {
        using var home = new KerasHomeScope($"http://127.0.0.1:{LocalFileServer.FreePort()}/");
        var path = home.Put("imdb.npz", OneWordReviews());

        var ((a, _), _) = Keras.Datasets.Imdb.Load(path, null, seed: 113);
        var ((b, _), _) = Keras.Datasets.Imdb.Load(path, null, seed: 7);

        Assert.NotEqual(a.Select(s => s[1]), b.Select(s => s[1]));
        Assert.Equal(a.Select(s => s[1]).Order(), b.Select(s => s[1]).Order());
    }

    [Fact]
    public void LoadData_MaxlenKeepsNothing_ExplainsLikeKeras_AndNegativeSeedIsRejected()
    {
        using var home = new KerasHomeScope($"http://127.0.0.1:{LocalFileServer.FreePort()}/");
        var path = home.Put("imdb.npz", OneWordReviews());

        var e = Assert.Throws<ArgumentException>(() => Keras.Datasets.Imdb.Load(path, null, maxlen: 2));
        var s = Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Datasets.Imdb.Load(path, null, seed: -1));

        Assert.Contains("After filtering for sequences shorter than maxlen=2, no sequence was kept. Increase maxlen.", e.Message);
        Assert.Equal("seed", s.ParamName);
    }

    [Fact]
    public void LoadData_Downloads_ChecksTheHash_AndCaches()
    {
        var npz = OneWordReviews();
        using var server = new LocalFileServer(new Dictionary<string, byte[]> { ["imdb.npz"] = npz });
        using var home = new KerasHomeScope(server.BaseUrl);

        var ((xTrain, _), _) = Keras.Datasets.Imdb.Load("imdb.npz", Convert.ToHexStringLower(SHA256.HashData(npz)));

        Assert.Equal(10, xTrain.Length);
        Assert.True(File.Exists(Path.Combine(home.Datasets, "imdb.npz")));
        Assert.Equal(["imdb.npz"], server.Requests);
        Assert.Equal("69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f", Keras.Datasets.Imdb.FileHash);
    }

    [Fact]
    public void LoadData_LabelsOfAnotherLength_AndHostilePickle_AreReported()
    {
        using var home = new KerasHomeScope($"http://127.0.0.1:{LocalFileServer.FreePort()}/");
        var mismatched = home.Put("bad.npz", ImdbNpz([[1], [2]], [0], [[3]], [1]));
        var evilNpy = DatasetFiles.Npy("|O", [1], Encoding.ASCII.GetBytes("cos\nsystem\n(S'touch pwned'\ntR."));
        var evil = home.Put("evil.npz", DatasetFiles.Npz(("x_train", evilNpy)));

        var e = Assert.Throws<InvalidDataException>(() => Keras.Datasets.Imdb.Load(mismatched, null));
        var h = Assert.Throws<InvalidDataException>(() => Keras.Datasets.Imdb.Load(evil, null));

        Assert.Contains("has 2 train sequences but labels of shape (1); expected (2,)", e.Message);
        Assert.Contains("'os.system'", h.Message);
    }

    [Fact]
    public void GetWordIndex_ReadsTheJsonRanks_AndRejectsOtherJson()
    {
        var json = Encoding.UTF8.GetBytes("{\"the\": 1, \"and\": 2, \"fawn\": 34701}");
        using var server = new LocalFileServer(new Dictionary<string, byte[]> { ["imdb_word_index.json"] = json });
        using var home = new KerasHomeScope(server.BaseUrl);
        var bad = home.Put("bad.json", Encoding.UTF8.GetBytes("[1, 2]"));

        var index = Keras.Datasets.Imdb.LoadWordIndex("imdb_word_index.json", Convert.ToHexStringLower(MD5.HashData(json)));
        var e = Assert.Throws<InvalidDataException>(() => Keras.Datasets.Imdb.LoadWordIndex(bad, null));

        Assert.Equal(3, index.Count);
        Assert.Equal(1, index["the"]);
        Assert.Equal(34701, index["fawn"]);
        Assert.Equal(["imdb_word_index.json"], server.Requests);
        Assert.Equal("bfafd718b763782e994055a2d397834f", Keras.Datasets.Imdb.WordIndexHash);
        Assert.Contains("not a JSON object of word → integer index", e.Message);
    }
}
