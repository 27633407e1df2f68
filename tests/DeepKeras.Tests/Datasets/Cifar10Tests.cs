using System.Formats.Tar;
using System.Security.Cryptography;
using DeepKeras.Datasets;
using DeepKeras.Tests.TestUtil;
using NumSharp;

namespace DeepKeras.Tests.Datasets;

public class Cifar10Tests
{
    private const string Inner = "cifar-10-batches-py";

    // Pixel value of image `image` (counted over all batches), channel c, row h, column w in the CHW batch data.
    private static byte Pixel(int image, int c, int h, int w) => (byte)(((image * 7) + (c * 50) + (h * 3) + w) % 256);

    // Five training batches of 2 images and a test batch of 3, labelled image % 10.
    private static Dictionary<string, byte[]> Batches()
    {
        var files = new Dictionary<string, byte[]>();
        var image = 0;
        foreach (var (name, count) in new[] { ("data_batch_1", 2), ("data_batch_2", 2), ("data_batch_3", 2), ("data_batch_4", 2), ("data_batch_5", 2), ("test_batch", 3) })
        {
            var data = new byte[count * 3072];
            var labels = new long[count];
            for (var i = 0; i < count; i++, image++)
            {
                labels[i] = image % 10;
                for (var c = 0; c < 3; c++)
                {
                    for (var p = 0; p < 1024; p++)
                    {
                        data[(i * 3072) + (c * 1024) + p] = Pixel(image, c, p / 32, p % 32);
                    }
                }
            }

            files[name] = PickleBytes.CifarBatch(name == "test_batch" ? "testing batch 1 of 1" : $"training batch {name[^1]} of 5", data, labels);
        }

        return files;
    }

    private static byte[] TarGz(IEnumerable<(string Name, byte[]? Data, TarEntryType Type, string? LinkName)> entries)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, data, type, link) in entries)
            {
                var entry = new PaxTarEntry(type, name);
                if (data is not null)
                {
                    entry.DataStream = new MemoryStream(data);
                }

                if (link is not null)
                {
                    entry.LinkName = link;
                }

                writer.WriteEntry(entry);
            }
        }

        return DatasetFiles.Gzip(tar.ToArray());
    }

    private static byte[] CifarArchive(params (string Name, byte[]? Data, TarEntryType Type, string? LinkName)[] extra) => TarGz(
        [($"{Inner}/", null, TarEntryType.Directory, null),
         .. Batches().Select(kv => ($"{Inner}/{kv.Key}", (byte[]?)kv.Value, TarEntryType.RegularFile, (string?)null)),
         .. extra]);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static void AssertImages(NDArray x, NDArray y, int firstImage, int count)
    {
        Assert.Equal(new long[] { count, 32, 32, 3 }, x.shape);
        Assert.Equal(NPTypeCode.Byte, x.typecode);
        Assert.Equal(new long[] { count, 1 }, y.shape);
        Assert.Equal(NPTypeCode.Byte, y.typecode);
        Assert.Equal(Enumerable.Range(firstImage, count).Select(i => (byte)(i % 10)), y.ToArray<byte>());
        // Channels last: x[i, h, w, c] is data[i, c·1024 + h·32 + w].
        var pixels = x.ToArray<byte>();
        foreach (var (i, h, w, c) in new[] { (0, 0, 0, 0), (0, 0, 0, 2), (count - 1, 31, 31, 1), (1, 5, 17, 2), (count - 1, 12, 0, 0) })
        {
            Assert.Equal(Pixel(firstImage + i, c, h, w), pixels[(((((i * 32) + h) * 32) + w) * 3) + c]);
        }
    }

    [Fact]
    public void LoadData_DownloadsExtractsAndReadsThePickledBatches()
    {
        var archive = CifarArchive();
        using var server = new LocalFileServer(new Dictionary<string, byte[]> { ["cifar-10-python.tar.gz"] = archive });
        using var home = new KerasHomeScope(server.BaseUrl);

        var ((xTrain, yTrain), (xTest, yTest)) = Keras.Datasets.Cifar10.Load(Sha256(archive));

        AssertImages(xTrain, yTrain, firstImage: 0, count: 10);
        AssertImages(xTest, yTest, firstImage: 10, count: 3);
        // Keras's cache layout: the archive beside the folder it is extracted to.
        Assert.True(File.Exists(Path.Combine(home.Datasets, "cifar-10-batches-py-target_archive")));
        Assert.True(File.Exists(Path.Combine(home.Datasets, "cifar-10-batches-py-target", Inner, "data_batch_1")));
        Assert.Equal(["cifar-10-python.tar.gz"], server.Requests);

        // The second call reads the extracted batches: no request.
        var ((again, _), _) = Keras.Datasets.Cifar10.Load(Sha256(archive));
        Assert.Equal(xTrain.ToArray<byte>(), again.ToArray<byte>());
        Assert.Single(server.Requests);
    }

    [Fact]
    public void LoadData_ExtractedBatchesInTheCache_NeedNoNetwork()
    {
        using var home = new KerasHomeScope($"http://127.0.0.1:{LocalFileServer.FreePort()}/");
        foreach (var (name, bytes) in Batches())
        {
            home.Put(Path.Combine("cifar-10-batches-py-target", Inner, name), bytes);
        }

        var ((xTrain, yTrain), (xTest, yTest)) = Keras.Datasets.Cifar10.LoadData();

        AssertImages(xTrain, yTrain, 0, 10);
        AssertImages(xTest, yTest, 10, 3);
    }

    [Fact]
    public void LoadData_ArchiveWithUnsafeEntries_WritesOnlyInsideTheTarget()
    {
        var archive = CifarArchive(
            ("../escaped.txt", [1], TarEntryType.RegularFile, null),
            ($"{Inner}/../../outside.txt", [2], TarEntryType.RegularFile, null),
            ($"{Inner}/passwd", null, TarEntryType.SymbolicLink, "/etc/passwd"));
        using var server = new LocalFileServer(new Dictionary<string, byte[]> { ["cifar-10-python.tar.gz"] = archive });
        using var home = new KerasHomeScope(server.BaseUrl);

        var ((xTrain, _), _) = Keras.Datasets.Cifar10.Load(Sha256(archive));

        Assert.Equal(new long[] { 10, 32, 32, 3 }, xTrain.shape);
        Assert.False(File.Exists(Path.Combine(home.Datasets, "escaped.txt")));
        Assert.False(File.Exists(Path.Combine(home.Datasets, "outside.txt")));
        Assert.False(File.Exists(Path.Combine(home.Root, "outside.txt")));
        Assert.False(File.Exists(Path.Combine(home.Datasets, "cifar-10-batches-py-target", Inner, "passwd")));
        // Nothing but the archive and the extracted folder (no leftover temporary folder).
        Assert.Equal(["cifar-10-batches-py-target", "cifar-10-batches-py-target_archive"],
            Directory.GetFileSystemEntries(home.Datasets).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void LoadData_WrongHash_ThrowsAndExtractsNothing()
    {
        var archive = CifarArchive();
        using var server = new LocalFileServer(new Dictionary<string, byte[]> { ["cifar-10-python.tar.gz"] = archive });
        using var home = new KerasHomeScope(server.BaseUrl);

        var e = Assert.Throws<InvalidDataException>(() => Keras.Datasets.Cifar10.LoadData());

        Assert.Contains(Keras.Datasets.Cifar10.FileHash, e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(home.Datasets));
    }

    [Fact]
    public void LoadData_HostileBatch_IsRefused()
    {
        using var home = new KerasHomeScope($"http://127.0.0.1:{LocalFileServer.FreePort()}/");
        foreach (var (name, bytes) in Batches())
        {
            home.Put(Path.Combine("cifar-10-batches-py-target", Inner, name), bytes);
        }

        var marker = Path.Combine(home.Root, "pwned");
        var hostile = PickleBytes.Protocol2(p => p.Global("os", "system").Str($"touch {marker}").Op(0x85).Op('R'));
        home.Put(Path.Combine("cifar-10-batches-py-target", Inner, "data_batch_3"), hostile);

        var e = Assert.Throws<InvalidDataException>(() => Keras.Datasets.Cifar10.LoadData());

        Assert.Contains("data_batch_3", e.Message);
        Assert.Contains("'os.system'", e.Message);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void ReadBatch_WrongContent_NamesWhatIsMissing()
    {
        using var home = new KerasHomeScope();
        var noLabels = home.Put("batch", PickleBytes.Protocol2(p => p.Dict(d => d.Str("data").NumpyArray([1, 3072], "u1", "|", new byte[3072]))));

        var e = Assert.Throws<InvalidDataException>(() => Keras.Datasets.Cifar10.ReadBatch(noLabels));

        Assert.Contains("'labels'", e.Message);
    }

    [Fact]
    public void TarArchive_NotAnArchive_SaysSo()
    {
        using var home = new KerasHomeScope();
        var junk = home.Put("junk.tar.gz", DatasetFiles.Gzip([1, 2, 3, 4, 5]));

        var e = Assert.Throws<InvalidDataException>(() => TarArchive.Extract(junk, Path.Combine(home.Datasets, "out")));

        Assert.Contains("junk.tar.gz", e.Message);
        Assert.False(Directory.Exists(Path.Combine(home.Datasets, "out")));
    }
}
