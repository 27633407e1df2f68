using DeepKeras.Tests.TestUtil;
using NumSharp;

namespace DeepKeras.Tests.Datasets;

public class FashionMnistTests
{
    // A miniature Fashion-MNIST: 3 training and 2 test images of 28×28.
    private static Dictionary<string, byte[]> TinyFiles() => new()
    {
        ["train-labels-idx1-ubyte.gz"] = DatasetFiles.Idx([3], [9, 0, 4]),
        ["train-images-idx3-ubyte.gz"] = DatasetFiles.Idx([3, 28, 28], DatasetFiles.Ramp(3 * 784)),
        ["t10k-labels-idx1-ubyte.gz"] = DatasetFiles.Idx([2], [1, 7]),
        ["t10k-images-idx3-ubyte.gz"] = DatasetFiles.Idx([2, 28, 28], DatasetFiles.Ramp(2 * 784, start: 100)),
    };

    [Fact]
    public void LoadData_Cached_ReturnsUint8ArraysLikeKeras()
    {
        using var home = new KerasHomeScope($"http://127.0.0.1:{LocalFileServer.FreePort()}/");
        foreach (var (name, bytes) in TinyFiles())
        {
            home.Put(Path.Combine("fashion-mnist", name), bytes);
        }

        var ((xTrain, yTrain), (xTest, yTest)) = Keras.Datasets.FashionMnist.LoadData();

        Assert.Equal(new long[] { 3, 28, 28 }, xTrain.shape);
        Assert.Equal(new long[] { 3 }, yTrain.shape);
        Assert.Equal(new long[] { 2, 28, 28 }, xTest.shape);
        Assert.Equal(new long[] { 2 }, yTest.shape);
        Assert.Equal(NPTypeCode.Byte, xTrain.typecode);
        Assert.Equal(NPTypeCode.Byte, yTest.typecode);
        Assert.Equal(new byte[] { 9, 0, 4 }, yTrain.ToArray<byte>());
        Assert.Equal(new byte[] { 1, 7 }, yTest.ToArray<byte>());
        // Image 1, row 2, column 3 is byte 784 + 2·28 + 3 = 843 of the ramp: 843 mod 256 = 75.
        Assert.Equal(75, xTrain.GetByte(1, 2, 3));
        // Test image 0 starts at 100.
        Assert.Equal(100, xTest.GetByte(0, 0, 0));
    }

    [Fact]
    public void LoadData_NotCached_DownloadsAllFourFilesOnceFromOrigin()
    {
        using var server = new LocalFileServer(TinyFiles());
        using var home = new KerasHomeScope(server.BaseUrl);

        var ((xTrain, _), (_, yTest)) = Keras.Datasets.FashionMnist.LoadData();
        var again = Keras.Datasets.FashionMnist.LoadData();

        Assert.Equal(new long[] { 3, 28, 28 }, xTrain.shape);
        Assert.Equal(new byte[] { 1, 7 }, yTest.ToArray<byte>());
        Assert.Equal(new byte[] { 9, 0, 4 }, again.Item1.YTrain.ToArray<byte>());
        Assert.Equal(TinyFiles().Keys.Order(), server.Requests.Order());
        Assert.Equal(TinyFiles().Keys.Order(),
            Directory.GetFiles(Path.Combine(home.Datasets, "fashion-mnist")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void LoadData_OfflineAndNotCached_SaysWhereToPutTheFileAndHowToSeedIt()
    {
        var origin = $"http://127.0.0.1:{LocalFileServer.FreePort()}/";
        using var home = new KerasHomeScope(origin);

        var e = Assert.Throws<FileNotFoundException>(() => Keras.Datasets.FashionMnist.LoadData());

        Assert.Contains("'train-labels-idx1-ubyte.gz'", e.Message);
        Assert.Contains(origin + "train-labels-idx1-ubyte.gz", e.Message);
        Assert.Contains(Path.Combine(home.Datasets, "fashion-mnist", "train-labels-idx1-ubyte.gz"), e.Message);
        Assert.Contains("./build.sh setup", e.Message);
        Assert.Contains("dataset-fashion-mnist", e.Message);
    }

    [Fact]
    public void LoadData_LabelCountDiffersFromImageCount_Throws()
    {
        using var home = new KerasHomeScope($"http://127.0.0.1:{LocalFileServer.FreePort()}/");
        var files = TinyFiles();
        files["t10k-labels-idx1-ubyte.gz"] = DatasetFiles.Idx([3], [1, 7, 2]);
        foreach (var (name, bytes) in files)
        {
            home.Put(Path.Combine("fashion-mnist", name), bytes);
        }

        var e = Assert.Throws<InvalidDataException>(() => Keras.Datasets.FashionMnist.LoadData());

        Assert.Contains("(2, 28, 28)", e.Message);
        Assert.Contains("(3)", e.Message);
    }
}
