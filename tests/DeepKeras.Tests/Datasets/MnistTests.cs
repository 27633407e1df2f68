using System.Security.Cryptography;
using DeepKeras.Tests.TestUtil;
using NumSharp;

namespace DeepKeras.Tests.Datasets;

public class MnistTests
{
    // A miniature mnist.npz with Keras's keys: 2 training and 1 test image of 28×28.
    private static byte[] TinyNpz() => DatasetFiles.Npz(
        ("x_train", DatasetFiles.Npy("|u1", [2, 28, 28], DatasetFiles.Ramp(2 * 784))),
        ("y_train", DatasetFiles.Npy("|u1", [2], [5, 0])),
        ("x_test", DatasetFiles.Npy("|u1", [1, 28, 28], DatasetFiles.Ramp(784, start: 3))),
        ("y_test", DatasetFiles.Npy("|u1", [1], [7])));

    [Fact]
    public void LoadData_DownloadsNpzFromOriginAndReadsKerasKeys()
    {
        var npz = TinyNpz();
        using var server = new LocalFileServer(new Dictionary<string, byte[]> { ["mnist.npz"] = npz });
        using var home = new KerasHomeScope(server.BaseUrl);

        var ((xTrain, yTrain), (xTest, yTest)) =
            Keras.Datasets.Mnist.Load("mnist.npz", Convert.ToHexStringLower(SHA256.HashData(npz)));

        Assert.Equal(new long[] { 2, 28, 28 }, xTrain.shape);
        Assert.Equal(NPTypeCode.Byte, xTrain.typecode);
        Assert.Equal(new byte[] { 5, 0 }, yTrain.ToArray<byte>());
        Assert.Equal(new long[] { 1, 28, 28 }, xTest.shape);
        Assert.Equal(3, xTest.GetByte(0, 0, 0));
        Assert.Equal(new byte[] { 7 }, yTest.ToArray<byte>());
        Assert.True(File.Exists(Path.Combine(home.Datasets, "mnist.npz")));
        Assert.Equal(["mnist.npz"], server.Requests);
    }

    [Fact]
    public void LoadData_CachedFileFailsKerasHash_AndOffline_ExplainsTheMismatch()
    {
        using var home = new KerasHomeScope($"http://127.0.0.1:{LocalFileServer.FreePort()}/");
        var cached = home.Put("mnist.npz", TinyNpz());

        var e = Assert.Throws<FileNotFoundException>(() => Keras.Datasets.Mnist.LoadData());

        Assert.Contains($"cached file {cached} does not match its expected hash", e.Message);
        Assert.Equal("731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1", Keras.Datasets.Mnist.FileHash);
    }

    [Fact]
    public void LoadData_ArchiveWithoutKerasKeys_ListsWhatItHas()
    {
        using var home = new KerasHomeScope($"http://127.0.0.1:{LocalFileServer.FreePort()}/");
        var path = home.Put("other.npz", DatasetFiles.Npz(("images", DatasetFiles.Npy("|u1", [1], [0]))));

        var e = Assert.Throws<InvalidDataException>(() => Keras.Datasets.Mnist.Load(path, null));

        Assert.Contains("no array 'x_train'", e.Message);
        Assert.Contains("It contains: images", e.Message);
    }
}
