using System.Text.Json.Nodes;
using DeepKeras.Tests.Callbacks;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Utils;

namespace DeepKeras.Tests.Utils;

/// <summary>
/// The file order, labels, class names, split and printed lines of the folder datasets against Keras 3
/// (scripts/keras-golden/gen_folders.py runs dataset_utils.index_directory on the same tree of empty files).
/// </summary>
public sealed class FolderIndexGoldenTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"dk-folders-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Writes every file of a golden case's tree.json (each file holds its own name) under a fresh folder.</summary>
    internal static string MakeTree(string root, KerasGolden golden, string name)
    {
        var dir = Path.Combine(root, name);
        foreach (var file in golden.Json("tree").AsArray().Select(n => n!.GetValue<string>()))
        {
            var path = Path.Combine(dir, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file);
        }

        return dir;
    }

    [Fact]
    public void ImageFolders_MatchKerasOrderLabelsSplitAndMessages()
    {
        var golden = KerasGolden.Case("folders_images");
        var dir = MakeTree(_root, golden, "images");
        var cases = golden.Json("cases").AsArray();
        Assert.Equal(11, cases.Count);
        foreach (var c in cases)
        {
            var args = c!["args"]!;
            ImageDataset? ds = null;
            var printed = CallbackTestUtil.CaptureConsole(() => ds = Images(dir, args));
            var what = args.ToJsonString();
            Assert.True(c["printed"]!.GetValue<string>() == printed.Replace("\r\n", "\n"), $"{what}: printed {printed}");
            AssertClassNames(c["class_names"], ds!.ClassNames, what);
            var parts = c["parts"]!.AsObject();
            if (parts.ContainsKey("training") && parts.ContainsKey("validation"))
            {
                var (train, val) = ds;
                AssertPart(dir, parts["training"]!, train.FilePaths, train.Labels, what + " training");
                AssertPart(dir, parts["validation"]!, val.FilePaths, val.Labels, what + " validation");
                Assert.Same(ds.ClassNames, val.ClassNames);
            }
            else
            {
                var part = parts.Single().Value!;
                AssertPart(dir, part, ds.FilePaths, ds.Labels, what);
                Assert.Throws<InvalidOperationException>(() => { var (_, _) = ds; });
            }
        }
    }

    [Fact]
    public void TextFolders_MatchKerasOrderLabelsSplitAndMessages()
    {
        var golden = KerasGolden.Case("folders_texts");
        var dir = MakeTree(_root, golden, "texts");
        foreach (var c in golden.Json("cases").AsArray())
        {
            var args = c!["args"]!;
            var what = args.ToJsonString();
            TextDataset? ds = null;
            var printed = CallbackTestUtil.CaptureConsole(() => ds = Keras.Utils.TextDatasetFromDirectory(dir,
                labels: args["labels"]?.GetValue<string>(), shuffle: args["shuffle"]!.GetValue<bool>(), seed: args["seed"]?.GetValue<int>(),
                validationSplit: args["validation_split"]?.GetValue<double>(), subset: args["subset"]?.GetValue<string>(), batchSize: 3));
            Assert.Equal(c["printed"]!.GetValue<string>(), printed.Replace("\r\n", "\n"));
            AssertClassNames(c["class_names"], ds!.ClassNames, what);
            var parts = c["parts"]!.AsObject();
            var pairs = new List<(string, TextDataset)>();
            if (parts.Count == 2)
            {
                var (train, val) = ds;
                pairs.Add(("training", train));
                pairs.Add(("validation", val));
            }
            else
            {
                pairs.Add((parts.Single().Key, ds));
            }

            foreach (var (key, part) in pairs)
            {
                AssertPart(dir, parts[key]!, part.FilePaths, part.Labels, what + " " + key);
                // The texts of the first batch are the files' contents (each file holds its relative name).
                var expected = parts[key]!["files"]!.AsArray().Take(3).Select(n => n!.GetValue<string>());
                Assert.Equal(expected, part[0].Texts);
            }
        }
    }

    [Fact]
    public void BadArguments_GiveKerasMessages()
    {
        var golden = KerasGolden.Case("folders_images");
        var dir = MakeTree(_root, golden, "images");
        foreach (var e in golden.Json("errors").AsArray())
        {
            var args = e!["args"]!;
            var expected = e["error"]!.GetValue<string>();
            var error = Assert.ThrowsAny<ArgumentException>(() => Images(dir, args, verbose: false));
            if (expected.StartsWith("Expected the lengths of `labels`", StringComparison.Ordinal))
            {
                // Keras names its own temporary folder; compare up to the folder.
                expected = expected[..expected.IndexOf("/tmp", StringComparison.Ordinal)] + dir + ".";
            }

            Assert.Equal(expected, error.Message.Split(" (Parameter")[0]);
        }
    }

    private static ImageDataset Images(string dir, JsonNode args, bool verbose = true)
    {
        var shuffle = args["shuffle"]?.GetValue<bool>() ?? true;
        var seed = args["seed"]?.GetValue<int>();
        var split = args["validation_split"]?.GetValue<double>();
        var subset = args["subset"]?.GetValue<string>();
        var classNames = args["class_names"]?.AsArray().Select(n => n!.GetValue<string>()).ToArray();
        var labels = args.AsObject().ContainsKey("labels") ? args["labels"] : JsonValue.Create("inferred");
        return labels is JsonArray list
            ? Keras.Utils.ImageDatasetFromDirectory(dir, list.Select(n => n!.GetValue<int>()).ToArray(), shuffle: shuffle, seed: seed,
                validationSplit: split, subset: subset, classNames: classNames, verbose: verbose)
            : Keras.Utils.ImageDatasetFromDirectory(dir, labels: labels?.GetValue<string>(), shuffle: shuffle, seed: seed,
                validationSplit: split, subset: subset, classNames: classNames, verbose: verbose);
    }

    private static void AssertClassNames(JsonNode? expected, IReadOnlyList<string>? actual, string what)
    {
        if (expected is null)
        {
            Assert.True(actual is null, what);
            return;
        }

        Assert.True(expected.AsArray().Select(n => n!.GetValue<string>()).SequenceEqual(actual!), $"{what}: class names {string.Join(",", actual!)}");
    }

    private static void AssertPart(string dir, JsonNode part, IReadOnlyList<string> paths, IReadOnlyList<int>? labels, string what)
    {
        var files = part["files"]!.AsArray().Select(n => Path.Combine(dir, n!.GetValue<string>())).ToArray();
        Assert.True(files.SequenceEqual(paths), $"{what}: files\n{string.Join("\n", paths)}");
        var expected = part["labels"]?.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        Assert.True(expected is null ? labels is null : expected.SequenceEqual(labels!), $"{what}: labels {string.Join(",", labels ?? [])}");
    }
}
