using System.Text.RegularExpressions;

namespace DeepKeras.Tests.Layout;

/// <summary>
/// Folder = namespace in src/DeepKeras, so that a type is found from its namespace in one step. The documented
/// exceptions: <c>Keras.*.cs</c> files are parts of the static class <c>DeepKeras.Keras</c> (<c>Keras.Layers</c>,
/// <c>Keras.Ops</c>, … live beside the code they expose); <c>Layers/&lt;Family&gt;/</c> subfolders group the layers of
/// namespace <c>DeepKeras.Layers</c> as Keras's <c>keras/src/layers/&lt;family&gt;/</c> does; files under
/// <c>Applications/</c> are parts of the static class <c>DeepKeras.Applications</c>.
/// </summary>
public sealed partial class SourceLayoutTests
{
    [Fact]
    public void EveryFilesNamespace_IsItsFolder_ExceptTheDocumentedGroups()
    {
        var src = Path.Combine(RepositoryRoot(), "src", "DeepKeras");
        var wrong = new List<string>();
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                        !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToList();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(src, file).Replace(Path.DirectorySeparatorChar, '/');
            var folder = Path.GetDirectoryName(relative)!.Replace('\\', '/');
            var ns = Namespace().Match(File.ReadAllText(file)) is { Success: true } m ? m.Groups[1].Value : "(none)";
            var expected = Path.GetFileName(relative).StartsWith("Keras.", StringComparison.Ordinal) ? "DeepKeras"
                : folder.StartsWith("Layers/", StringComparison.Ordinal) ? "DeepKeras.Layers"
                : folder == "Applications" || folder.StartsWith("Applications/", StringComparison.Ordinal) ? "DeepKeras"
                : folder.Length == 0 ? "DeepKeras"
                : "DeepKeras." + folder.Replace('/', '.');
            if (ns != expected)
            {
                wrong.Add($"{relative}: namespace {ns}, expected {expected}");
            }
        }

        Assert.True(files.Count > 300, $"only {files.Count} source files found under {src}");
        Assert.True(wrong.Count == 0, "files whose folder is not their namespace:\n" + string.Join("\n", wrong));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DeepKeras.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"DeepKeras.sln not found above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^namespace ([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
