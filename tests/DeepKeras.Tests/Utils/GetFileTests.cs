using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using DeepKeras.Tests.Callbacks;

namespace DeepKeras.Tests.Utils;

/// <summary>Keras.Utils.GetFile with file:// origins and a temporary cache: caching, hash checks, re-download, extraction, errors.</summary>
public sealed class GetFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dk-getfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Cache => Path.Combine(_dir, "cache");

    private string Origin(string name, string content)
    {
        var path = Path.Combine(_dir, "server", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return new Uri(path).AbsoluteUri;
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void DownloadsOnce_ThenServesTheCachedFile()
    {
        var origin = Origin("data.csv", "a,b\n1,2\n");
        string path = "";
        var printed = CallbackTestUtil.CaptureConsole(() => path = Keras.Utils.GetFile(origin: origin, cacheDir: Cache, fileHash: Sha256("a,b\n1,2\n")));
        Assert.Equal(Path.Combine(Cache, "datasets", "data.csv"), path);
        Assert.Equal("a,b\n1,2\n", File.ReadAllText(path));
        Assert.Equal($"Downloading data from {origin}\n", printed.Replace("\r\n", "\n"));

        File.Delete(new Uri(origin).LocalPath);
        printed = CallbackTestUtil.CaptureConsole(() => path = Keras.Utils.GetFile("data.csv", origin, cacheDir: Cache, md5Hash: Md5("a,b\n1,2\n")));
        Assert.Equal("", printed);
        Assert.Equal(Path.Combine(Cache, "datasets", "data.csv"), path);
    }

    [Fact]
    public void WrongHash_RefusesTheDownload_AndWritesNothing()
    {
        var origin = Origin("w.bin", "payload");
        var wrong = Sha256("something else");
        var e = Assert.Throws<InvalidDataException>(() => CallbackTestUtil.CaptureConsole(() =>
            Keras.Utils.GetFile(origin: origin, cacheDir: Cache, fileHash: wrong)));
        Assert.StartsWith($"Incomplete or corrupted file detected. The sha256 file hash does not match the provided value of {wrong}", e.Message);
        Assert.Contains(Sha256("payload"), e.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(Cache, "datasets")));

        e = Assert.Throws<InvalidDataException>(() => CallbackTestUtil.CaptureConsole(() =>
            Keras.Utils.GetFile(origin: origin, cacheDir: Cache, fileHash: Md5("x"), hashAlgorithm: "md5")));
        Assert.StartsWith("Incomplete or corrupted file detected. The md5 file hash", e.Message);
    }

    [Fact]
    public void CachedFileWithAnotherHash_IsDownloadedAgain_ForceDownloadAlwaysDownloads()
    {
        var origin = Origin("m.txt", "fresh");
        var cached = Path.Combine(Cache, "sub", "m.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        File.WriteAllText(cached, "stale");

        var printed = CallbackTestUtil.CaptureConsole(() => Keras.Utils.GetFile(origin: origin, cacheDir: Cache, cacheSubdir: "sub", fileHash: Sha256("fresh")));
        Assert.StartsWith("A local file was found, but it seems to be incomplete or outdated because the auto file hash does not match the " +
            $"original value of {Sha256("fresh")} so we will re-download the data.\nDownloading data from {origin}", printed.Replace("\r\n", "\n"));
        Assert.Equal("fresh", File.ReadAllText(cached));

        // A pre-placed file is used as is without a hash, and replaced with forceDownload.
        File.WriteAllText(cached, "placed");
        Assert.Equal("", CallbackTestUtil.CaptureConsole(() => Keras.Utils.GetFile(origin: origin, cacheDir: Cache, cacheSubdir: "sub")));
        Assert.Equal("placed", File.ReadAllText(cached));
        CallbackTestUtil.CaptureConsole(() => Keras.Utils.GetFile(origin: origin, cacheDir: Cache, cacheSubdir: "sub", forceDownload: true));
        Assert.Equal("fresh", File.ReadAllText(cached));
    }

    [Fact]
    public void Extract_TarGzAndZip_IntoKerasFolderNames()
    {
        var content = Path.Combine(_dir, "content");
        Directory.CreateDirectory(Path.Combine(content, "cats"));
        File.WriteAllText(Path.Combine(content, "cats", "a.txt"), "meow");
        var tgz = Path.Combine(_dir, "server", "pets.tar.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(tgz)!);
        using (var file = File.Create(tgz))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            TarFile.CreateFromDirectory(content, gzip, includeBaseDirectory: false);
        }

        string dir = "";
        CallbackTestUtil.CaptureConsole(() => dir = Keras.Utils.GetFile("pets.tar.gz", new Uri(tgz).AbsoluteUri, cacheDir: Cache, extract: true));
        Assert.Equal(Path.Combine(Cache, "datasets", "pets_extracted"), dir);
        Assert.Equal("meow", File.ReadAllText(Path.Combine(dir, "cats", "a.txt")));
        Assert.True(File.Exists(Path.Combine(Cache, "datasets", "pets.tar.gz")));

        var zip = Path.Combine(_dir, "server", "pack.zip");
        ZipFile.CreateFromDirectory(content, zip);
        CallbackTestUtil.CaptureConsole(() => dir = Keras.Utils.GetFile(origin: new Uri(zip).AbsoluteUri, cacheDir: Cache, extract: true));
        // Without fname, Keras keeps the archive as "<name>_archive" and extracts into "<name>".
        Assert.Equal(Path.Combine(Cache, "datasets", "pack.zip"), dir);
        Assert.True(File.Exists(Path.Combine(Cache, "datasets", "pack.zip_archive")));
        Assert.Equal("meow", File.ReadAllText(Path.Combine(dir, "cats", "a.txt")));

        // untar: the tar format only; a zip is not extracted (Keras warns).
        var warning = CallbackTestUtil.CaptureConsole(() => Keras.Utils.GetFile("z", new Uri(zip).AbsoluteUri, cacheDir: Cache, untar: true), stderr: true);
        Assert.Contains("Could not extract archive", warning);
    }

    [Fact]
    public void BadArguments_AndUnavailableOrigins_ClearErrors()
    {
        var e = Assert.Throws<ArgumentException>(() => Keras.Utils.GetFile("x.txt"));
        Assert.StartsWith("Please specify the \"origin\" argument (URL of the file to download).", e.Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Utils.GetFile("a/x.txt", "file:///tmp/x.txt", cacheDir: Cache));
        Assert.StartsWith("Paths are no longer accepted as the `fname` argument.", e.Message);
        e = Assert.Throws<ArgumentException>(() => Keras.Utils.GetFile(origin: "https://example.org/", cacheDir: Cache));
        Assert.StartsWith("Can't parse the file name from the origin provided: 'https://example.org/'.", e.Message);

        var missing = new Uri(Path.Combine(_dir, "server", "none.bin")).AbsoluteUri;
        var f = Assert.Throws<FileNotFoundException>(() => CallbackTestUtil.CaptureConsole(() => Keras.Utils.GetFile(origin: missing, cacheDir: Cache)));
        Assert.Contains(missing, f.Message);
        Assert.Contains(Path.Combine(Cache, "datasets", "none.bin"), f.Message);
    }
}
