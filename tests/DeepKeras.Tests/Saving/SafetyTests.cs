using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Saving;
using PureHDF;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Saving;

/// <summary>Hostile and damaged files: each is refused with a <see cref="KerasFileException"/> that names the file and the problem.</summary>
public class SafetyTests
{
    private static Sequential Small(int units = 2) => new([Keras.Input(shape: 2), new Dense(units)]);

    private static Dictionary<string, byte[]> Members(Model model, string dir)
    {
        var path = Path.Combine(dir, $"m{Guid.NewGuid():N}.keras");
        model.Save(path);
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return ms.ToArray();
        });
    }

    private static string Pack(string path, IEnumerable<(string Name, byte[] Content)> members)
    {
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var (name, content) in members)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                s.Write(content);
            }
        }

        return path;
    }

    private static KerasFileException Refused(string path)
    {
        var e = Assert.Throws<KerasFileException>(() => Keras.Models.LoadModel(path));
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith($"Could not load '{path}': ", e.Message);
        return e;
    }

    [Theory]
    [InlineData("../config.json")]
    [InlineData("assets/../../evil.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/evil.dll")]
    [InlineData("..\\evil.txt")]
    public void UnsafeMemberPaths_AreRefused(string name)
    {
        using var dir = new TempDir();
        var members = Members(Small(), dir.Path);
        var path = Pack(dir.File("slip.keras"), [.. members.Select(kv => (kv.Key, kv.Value)), (name, [1, 2, 3])]);
        Assert.Contains($"archive member '{name}' has an unsafe path", Refused(path).Problem);
    }

    [Fact]
    public void OversizedTruncatedAndCorruptedMembers_AreRefused()
    {
        using var dir = new TempDir();
        var good = dir.File("good.keras");
        Small().Save(good);
        var bytes = File.ReadAllBytes(good);

        // The central directory declares a 3 GiB config.json.
        var huge = PatchCentralSize(bytes, "config.json", uncompressed: 3L << 30);
        File.WriteAllBytes(dir.File("huge.keras"), huge);
        Assert.Contains("archive member 'config.json' declares 3,221,225,472 bytes, more than the 67,108,864 allowed", Refused(dir.File("huge.keras")).Problem);

        // It declares 100 more bytes than are stored.
        var entry = CentralSize(bytes, "model.weights.h5");
        File.WriteAllBytes(dir.File("short.keras"), PatchCentralSize(bytes, "model.weights.h5", uncompressed: entry + 100));
        Assert.Contains("archive member 'model.weights.h5' is truncated", Refused(dir.File("short.keras")).Problem);

        // One flipped bit in the stored weights.
        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(dir.File("flipped.keras"), flipped);
        Assert.Contains("corrupted (CRC-32 mismatch)", Refused(dir.File("flipped.keras")).Problem);

        // Cut in the middle: the central directory is gone.
        File.WriteAllBytes(dir.File("cut.keras"), bytes[..(bytes.Length / 2)]);
        Assert.Contains("it is not a valid .keras archive (zip)", Refused(dir.File("cut.keras")).Problem);

        File.WriteAllBytes(dir.File("text.keras"), Encoding.UTF8.GetBytes("not a zip"));
        Assert.Contains("it is not a valid .keras archive (zip)", Refused(dir.File("text.keras")).Problem);
    }

    [Fact]
    public void MissingOrDuplicateMembers_AreRefused()
    {
        using var dir = new TempDir();
        var members = Members(Small(), dir.Path);
        var noWeights = Pack(dir.File("noweights.keras"), members.Where(kv => kv.Key != "model.weights.h5").Select(kv => (kv.Key, kv.Value)));
        Assert.Contains("the archive has no 'model.weights.h5' member", Refused(noWeights).Problem);

        var noConfig = Pack(dir.File("noconfig.keras"), members.Where(kv => kv.Key != "config.json").Select(kv => (kv.Key, kv.Value)));
        Assert.Contains("the archive has no 'config.json' member", Refused(noConfig).Problem);

        var twice = Pack(dir.File("twice.keras"), [.. members.Select(kv => (kv.Key, kv.Value)), ("config.json", members["config.json"])]);
        Assert.Contains("archive member 'config.json' appears twice", Refused(twice).Problem);
    }

    [Fact]
    public void WeightsThatDoNotMatchTheConfig_AreRefused()
    {
        using var dir = new TempDir();
        var two = Members(Small(2), dir.Path);
        var three = Members(Small(3), dir.Path);
        var mixed = Pack(dir.File("mixed.keras"), [("metadata.json", two["metadata.json"]), ("config.json", two["config.json"]), ("model.weights.h5", three["model.weights.h5"])]);
        Assert.Contains("shape mismatch for 'layers/dense/vars/0': the model expects (2, 2), the file has (2, 3)", Refused(mixed).Problem);

        var deeper = new Sequential([Keras.Input(shape: 2), new Dense(2), new Dense(2)]);
        var deep = Members(deeper, dir.Path);
        var missing = Pack(dir.File("missing.keras"), [("metadata.json", deep["metadata.json"]), ("config.json", deep["config.json"]), ("model.weights.h5", two["model.weights.h5"])]);
        Assert.Contains("(group 'layers/dense_1/vars' is missing)", Refused(missing).Problem);
    }

    [Fact]
    public void WrongDtype_IsRefused()
    {
        using var dir = new TempDir();
        var members = Members(Small(), dir.Path);
        var file = new H5File
        {
            ["layers"] = new H5Group
            {
                ["dense"] = new H5Group
                {
                    ["vars"] = new H5Group
                    {
                        ["0"] = new H5Dataset(new[] { 1, 2, 3, 4 }, fileDims: [2, 2]),
                        ["1"] = new H5Dataset(new[] { 1f, 2f }),
                    },
                },
            },
            ["vars"] = new H5Group(),
        };
        using var ms = new MemoryStream();
        file.Write(ms);
        var path = Pack(dir.File("int.keras"), [("metadata.json", members["metadata.json"]), ("config.json", members["config.json"]), ("model.weights.h5", ms.ToArray())]);
        Assert.Contains("dataset 'layers/dense/vars/0' has an unsupported dtype (int32); expected float32", Refused(path).Problem);
    }

    [Fact]
    public void HostileConfigs_AreRefused()
    {
        using var dir = new TempDir();
        var members = Members(Small(), dir.Path);
        string WithConfig(string name, string config) =>
            Pack(dir.File(name), [("metadata.json", members["metadata.json"]), ("config.json", Encoding.UTF8.GetBytes(config)), ("model.weights.h5", members["model.weights.h5"])]);

        Assert.Contains("config.json is not valid JSON", Refused(WithConfig("json.keras", "{\"module\": ")).Problem);
        Assert.Contains("config.json is not valid JSON", Refused(WithConfig("deep.keras", new string('[', 5000) + new string(']', 5000))).Problem);
        var config = Encoding.UTF8.GetString(members["config.json"]);
        Assert.Contains("the integer 10000000000000 is out of range",
            Refused(WithConfig("units.keras", config.Replace("\"units\": 2", "\"units\": 10000000000000"))).Problem);
        Assert.Contains("could not locate class 'System.Diagnostics.Process'",
            Refused(WithConfig("process.keras", config.Replace("\"class_name\": \"Dense\"", "\"class_name\": \"System.Diagnostics.Process\""))).Problem);

        // A Python lambda in the config is refused in safe mode.
        var lambda = config.Replace(
            "{\"module\": \"keras.layers\", \"class_name\": \"Dense\"",
            "{\"module\": \"keras.layers\", \"class_name\": \"Lambda\", \"config\": {\"name\": \"evil\", \"function\": {\"class_name\": \"__lambda__\", \"config\": {\"code\": \"4wEAAAAAAAAA\", \"defaults\": null, \"closure\": null}}}, \"registered_name\": null}, {\"module\": \"keras.layers\", \"class_name\": \"Dense\"");
        Assert.Contains("This carries a potential risk of arbitrary code execution", Refused(WithConfig("lambda.keras", lambda)).Problem);
    }

    [Fact]
    public void ExternalStorageAndLinks_AreRefused_WithoutReadingOtherFiles()
    {
        using var dir = new TempDir();
        var secret = dir.File("secret.bin");
        File.WriteAllBytes(secret, Enumerable.Range(1, 16).Select(b => (byte)b).ToArray());
        PythonH5.Run("make_hostile_h5.py", dir.Path, secret);
        var model = Small();
        var before = model.GetWeights()[0].ToArray<float>();

        var external = Assert.Throws<KerasFileException>(() => model.LoadWeights(dir.File("external_dataset.weights.h5")));
        Assert.Contains("dataset 'layers/dense/vars/0' stores its data in external files; not allowed", external.Message);
        var link = Assert.Throws<KerasFileException>(() => model.LoadWeights(dir.File("external_link.weights.h5")));
        Assert.Contains("'vars' in group 'layers/dense' is an external link to another file; not allowed", link.Message);
        Assert.Equal(before, model.GetWeights()[0].ToArray<float>());
    }

    // Patches the sizes of a member in the central directory (the sizes a reader trusts).
    private static byte[] PatchCentralSize(byte[] zip, string name, long uncompressed)
    {
        var copy = (byte[])zip.Clone();
        var at = CentralHeader(copy, name);
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at + 24), (uint)Math.Min(uncompressed, uint.MaxValue - 1));
        return copy;
    }

    private static long CentralSize(byte[] zip, string name) => BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(CentralHeader(zip, name) + 24));

    private static int CentralHeader(byte[] zip, string name)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) == 0x02014b50 &&
                BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 28)) == nameBytes.Length &&
                zip.AsSpan(i + 46, nameBytes.Length).SequenceEqual(nameBytes))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"no central directory entry for {name}");
    }
}
