using System.Security.Cryptography;
using DeepKeras.Datasets;
using DeepKeras.Tests.TestUtil;

namespace DeepKeras.Tests.Datasets;

public class DataFileTests
{
    private static readonly byte[] Payload = DatasetFiles.Ramp(1000, start: 7);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    [Fact]
    public void Get_NotCached_DownloadsVerifiesSha256AndCaches()
    {
        using var server = new LocalFileServer(new Dictionary<string, byte[]> { ["payload.bin"] = Payload });
        using var home = new KerasHomeScope(server.BaseUrl);

        var path = DataFile.Get("payload.bin", DataFile.Origin + "payload.bin", Sha256(Payload));

        Assert.Equal(Path.Combine(home.Datasets, "payload.bin"), path);
        Assert.Equal(Payload, File.ReadAllBytes(path));
        Assert.Equal(["payload.bin"], Directory.GetFiles(home.Datasets).Select(Path.GetFileName));
        Assert.Single(server.Requests);

        // A second call finds it in the cache and makes no request.
        Assert.Equal(path, DataFile.Get("payload.bin", DataFile.Origin + "payload.bin", Sha256(Payload)));
        Assert.Single(server.Requests);
    }

    [Fact]
    public void Get_Md5Hash_IsAcceptedFor32HexDigits()
    {
        using var server = new LocalFileServer(new Dictionary<string, byte[]> { ["p.bin"] = Payload });
        using var home = new KerasHomeScope(server.BaseUrl);

        var path = DataFile.Get("p.bin", DataFile.Origin + "p.bin", Md5(Payload).ToUpperInvariant(), "datasets/sub");

        Assert.Equal(Path.Combine(home.Datasets, "sub", "p.bin"), path);
        Assert.Equal(Md5(Payload), DataFile.ComputeHash(path, Md5(Payload)));
    }

    [Fact]
    public void Get_ChecksumMismatch_ThrowsAndLeavesNothingInCache()
    {
        var wrong = new string('0', 64);
        using var server = new LocalFileServer(new Dictionary<string, byte[]> { ["payload.bin"] = Payload });
        using var home = new KerasHomeScope(server.BaseUrl);

        var e = Assert.Throws<InvalidDataException>(() => DataFile.Get("payload.bin", DataFile.Origin + "payload.bin", wrong));

        Assert.Contains($"sha256 hash is {Sha256(Payload)}", e.Message);
        Assert.Contains($"does not match the provided value of {wrong}", e.Message);
        Assert.Contains(server.BaseUrl + "payload.bin", e.Message);
        Assert.Empty(Directory.GetFiles(home.Datasets, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Get_CachedFileWithWrongHash_IsDownloadedAgain()
    {
        using var server = new LocalFileServer(new Dictionary<string, byte[]> { ["payload.bin"] = Payload });
        using var home = new KerasHomeScope(server.BaseUrl);
        var cached = home.Put("payload.bin", [1, 2, 3]);

        var path = DataFile.Get("payload.bin", DataFile.Origin + "payload.bin", Sha256(Payload));

        Assert.Equal(cached, path);
        Assert.Equal(Payload, File.ReadAllBytes(path));
        Assert.Single(server.Requests);
    }

    [Fact]
    public void Get_CachedWithoutHash_UsesTheFileWithoutNetwork()
    {
        using var home = new KerasHomeScope($"http://127.0.0.1:{LocalFileServer.FreePort()}/");
        var cached = home.Put("local.bin", [4, 5]);

        Assert.Equal(cached, DataFile.Get("local.bin", DataFile.Origin + "local.bin", null));
    }

    [Fact]
    public void Get_OfflineAndNotCached_NamesFileUrlAndWhereToPutIt()
    {
        var origin = $"http://127.0.0.1:{LocalFileServer.FreePort()}/";
        using var home = new KerasHomeScope(origin);

        var e = Assert.Throws<FileNotFoundException>(() =>
            DataFile.Get("missing.gz", DataFile.Origin + "missing.gz", null, "datasets/thing", hint: "Ask a friend."));

        var expectedPath = Path.Combine(home.Datasets, "thing", "missing.gz");
        Assert.Contains("'missing.gz'", e.Message);
        Assert.Contains(origin + "missing.gz", e.Message);
        Assert.Contains($"put it at: {expectedPath}", e.Message);
        Assert.EndsWith("Ask a friend.", e.Message);
        Assert.Equal(expectedPath, e.FileName);
        Assert.Empty(Directory.GetFiles(home.Datasets, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Get_ServerAnswers404_ReportsTheStatus()
    {
        using var server = new LocalFileServer(new Dictionary<string, byte[]>());
        using var home = new KerasHomeScope(server.BaseUrl);

        var e = Assert.Throws<FileNotFoundException>(() => DataFile.Get("nope.bin", DataFile.Origin + "nope.bin", null));

        Assert.Contains("404", e.Message);
        Assert.Empty(Directory.GetFiles(home.Datasets, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Get_CacheRootNotWritable_FallsBackToTmpKeras()
    {
        using var home = new KerasHomeScope();
        // A KERAS_HOME below a regular file can never be created, whoever runs the test (root included).
        var blocker = Path.Combine(home.Root, "blocker");
        File.WriteAllBytes(blocker, []);
        Environment.SetEnvironmentVariable("KERAS_HOME", Path.Combine(blocker, "keras"));
        var name = $"deepkeras-fallback-{Guid.NewGuid():N}.bin";
        var expected = Path.Combine(Path.GetTempPath(), ".keras", "datasets", name);
        try
        {
            using var server = new LocalFileServer(new Dictionary<string, byte[]> { [name] = Payload });
            DataFile.OriginOverride = server.BaseUrl;

            var path = DataFile.Get(name, DataFile.Origin + name, Sha256(Payload));

            Assert.Equal(expected, path);
            Assert.Equal(Payload, File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(expected);
        }
    }

    [Fact]
    public void Origin_EnvironmentVariable_OverridesDefaultAndGetsTrailingSlash()
    {
        var previous = Environment.GetEnvironmentVariable(DataFile.OriginVariable);
        try
        {
            Environment.SetEnvironmentVariable(DataFile.OriginVariable, "http://mirror.example/keras");
            Assert.Equal("http://mirror.example/keras/", DataFile.Origin);
            Environment.SetEnvironmentVariable(DataFile.OriginVariable, null);
            Assert.Equal("https://storage.googleapis.com/tensorflow/tf-keras-datasets/", DataFile.Origin);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataFile.OriginVariable, previous);
        }
    }
}
