using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Saving;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Saving;

/// <summary>
/// Loads thousands of damaged copies of a saved model. Every load must either give a working model or throw
/// <see cref="KerasFileException"/> — never another exception, a crash or a hang (each load under 5 s).
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);
    private static readonly string[] Members = ["metadata.json", "config.json", "model.weights.h5"];

    private static byte[] SavedModel(string dir)
    {
        Keras.Utils.SetRandomSeed(31);
        // Explicit names keep the file, and so the fuzzing, the same whatever tests ran before.
        var model = new Sequential(
            [Keras.Input(shape: 4, name: "in"), new Dense(6, activation: "relu", name: "hidden"), new Dropout(0.2, name: "drop"), new Dense(3, activation: "softmax", name: "out")],
            name: "fuzz_model");
        model.Compile(optimizer: new Adam(name: "adam"), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        model.TrainOnBatch(randn(8, 4), tensor(new long[] { 0, 1, 2, 0, 1, 2, 0, 1 }));
        var path = Path.Combine(dir, "original.keras");
        model.Save(path);
        return File.ReadAllBytes(path);
    }

    [Fact]
    public void DamagedArchives_LoadOrFailCleanly()
    {
        using var dir = new TempDir();
        var original = SavedModel(dir.Path);
        var random = new Random(20260524);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 1200; i++)
        {
            var (kind, bytes) = (i % 4) switch
            {
                0 => ("bit flips", FlipBits(original, random)),
                1 => ("truncation", original[..random.Next(0, original.Length)]),
                2 => ("inserted bytes", Insert(original, random)),
                _ => ("renamed entry", RenameEntry(original, random)),
            };
            var outcome = LoadWithinLimit(dir.File($"fuzz{i % 8}.keras"), bytes, $"#{i} ({kind})");
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        output.WriteLine(string.Join(", ", outcomes.Select(kv => $"{kv.Key}: {kv.Value}")));
        Assert.True(outcomes.GetValueOrDefault("rejected") > 900, "most damaged archives must be rejected");
    }

    [Fact]
    public void DamagedMembers_WithValidChecksums_LoadOrFailCleanly()
    {
        // The zip checksums catch damage to the archive; here each member is damaged and re-packed with valid
        // checksums, so the JSON and HDF5 readers themselves meet the damage.
        using var dir = new TempDir();
        var members = ReadMembers(SavedModel(dir.Path));
        var random = new Random(7);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 600; i++)
        {
            var target = i % 3 == 0 ? "config.json" : "model.weights.h5";
            var damaged = new Dictionary<string, byte[]>(members)
            {
                [target] = (i % 6) switch
                {
                    0 or 1 => FlipBits(members[target], random),
                    2 => members[target][..random.Next(0, members[target].Length)],
                    3 => Insert(members[target], random),
                    4 => Overwrite(members[target], random),
                    _ => FlipBits(members[target], random, maxFlips: 1),
                },
            };
            var outcome = LoadWithinLimit(dir.File($"inner{i % 8}.keras"), Pack(damaged), $"#{i} ({target})");
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        output.WriteLine(string.Join(", ", outcomes.Select(kv => $"{kv.Key}: {kv.Value}")));
        Assert.True(outcomes.GetValueOrDefault("rejected") > 0);
    }

    [Fact]
    public void DamagedWeightsFiles_LoadOrFailWithoutTouchingTheModel()
    {
        // .weights.h5 files have no checksum: the HDF5 reader meets every kind of damage directly.
        using var dir = new TempDir();
        SavedModel(dir.Path);
        var source = dir.File("weights.weights.h5");
        Keras.Models.LoadModel(dir.File("original.keras")).SaveWeights(source);
        var original = File.ReadAllBytes(source);
        var target = new Sequential([Keras.Input(shape: 4), new Dense(6, activation: "relu"), new Dropout(0.2), new Dense(3, activation: "softmax")]);
        target.Compile(optimizer: new Adam(), loss: "mse");
        var random = new Random(99);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 1000; i++)
        {
            var bytes = (i % 4) switch
            {
                0 => FlipBits(original, random),
                1 => original[..random.Next(0, original.Length)],
                2 => Insert(original, random),
                _ => Overwrite(original, random),
            };
            var path = dir.File($"w{i % 8}.weights.h5");
            File.WriteAllBytes(path, bytes);
            var before = target.GetWeights().Select(w => w.ToArray<float>()).ToList();
            var result = WithinLimit($"#{i}", () =>
            {
                try
                {
                    target.LoadWeights(path);
                    return "loaded";
                }
                catch (KerasFileException e)
                {
                    Assert.Contains(path, e.Message);
                    return "rejected";
                }
            });
            if (result == "rejected")
            {
                // All or nothing: a rejected file changes no weight.
                Assert.Equal(before, target.GetWeights().Select(w => w.ToArray<float>()).ToList());
            }

            outcomes[result] = outcomes.GetValueOrDefault(result) + 1;
        }

        output.WriteLine(string.Join(", ", outcomes.Select(kv => $"{kv.Key}: {kv.Value}")));
        Assert.True(outcomes.GetValueOrDefault("rejected") > 300);
    }

    private static string LoadWithinLimit(string path, byte[] bytes, string what)
    {
        File.WriteAllBytes(path, bytes);
        return WithinLimit(what, () =>
        {
            try
            {
                var model = Keras.Models.LoadModel(path);
                // A model that loads must work: the same architecture and output shape. (Its weights may differ: a
                // flipped bit in a float is still a valid float, possibly inf or NaN.)
                var y = model.Forward([ones(2, 4)], training: false)[0];
                Assert.Equal(new long[] { 2, 3 }, y.shape);
                Assert.Equal(6 * 4 + 6 + 3 * 6 + 3, model.CountParams());
                return "loaded";
            }
            catch (KerasFileException e)
            {
                Assert.Contains(path, e.Message);
                return "rejected";
            }
        });
    }

    // Runs a load on another thread so a hang fails the test instead of blocking it.
    private static string WithinLimit(string what, Func<string> load)
    {
        var watch = Stopwatch.StartNew();
        var task = Task.Run(load);
        if (!task.Wait(Limit))
        {
            Assert.Fail($"{what}: loading did not finish within {Limit.TotalSeconds} s");
        }

        Assert.True(watch.Elapsed < Limit, $"{what}: loading took {watch.Elapsed.TotalSeconds:F1} s");
        return task.Result;
    }

    private static byte[] FlipBits(byte[] data, Random random, int maxFlips = 8)
    {
        var copy = (byte[])data.Clone();
        var flips = random.Next(1, maxFlips + 1);
        for (var k = 0; k < flips && copy.Length > 0; k++)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    private static byte[] Insert(byte[] data, Random random)
    {
        var at = random.Next(0, data.Length + 1);
        var extra = new byte[random.Next(1, 17)];
        random.NextBytes(extra);
        return [.. data[..at], .. extra, .. data[at..]];
    }

    private static byte[] Overwrite(byte[] data, Random random)
    {
        var copy = (byte[])data.Clone();
        if (copy.Length == 0)
        {
            return copy;
        }

        var at = random.Next(copy.Length);
        random.NextBytes(copy.AsSpan(at, Math.Min(copy.Length - at, random.Next(1, 64))));
        return copy;
    }

    // Changes one character of a member name where it appears (local header, central directory, or both).
    private static byte[] RenameEntry(byte[] data, Random random)
    {
        var copy = (byte[])data.Clone();
        var name = Encoding.ASCII.GetBytes(Members[random.Next(Members.Length)]);
        var hits = new List<int>();
        for (var i = 0; i + name.Length <= copy.Length; i++)
        {
            if (copy.AsSpan(i, name.Length).SequenceEqual(name))
            {
                hits.Add(i);
            }
        }

        var replacement = (byte)"abcxyz./_\\"[random.Next(10)];
        var position = random.Next(name.Length);
        foreach (var hit in hits.Where(_ => random.Next(3) > 0))
        {
            copy[hit + position] = replacement;
        }

        return copy;
    }

    private static Dictionary<string, byte[]> ReadMembers(byte[] archive)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return ms.ToArray();
        });
    }

    private static byte[] Pack(Dictionary<string, byte[]> members)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in Members)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                s.Write(members[name]);
            }
        }

        return ms.ToArray();
    }
}
