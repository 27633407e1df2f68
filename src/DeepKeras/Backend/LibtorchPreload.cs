using System.Runtime.InteropServices;

namespace DeepKeras.Backend;

/// <summary>
/// Loads the package's own libtorch by absolute path before TorchSharp initializes (Linux).
/// </summary>
/// <remarks>
/// TorchSharp first asks the dynamic loader for <c>libtorch_cpu.so</c> by name. Where a system libtorch is installed
/// (Debian/Ubuntu's <c>libtorch*</c>, pulled in by <c>python3-torch</c>) or another one comes first on
/// <c>LD_LIBRARY_PATH</c>, that name resolves to the wrong version, and <c>libLibTorchSharp.so</c> then fails to load
/// against it. A library already loaded under a soname is reused for every later request of that soname, so loading
/// the package's <c>libc10</c>, <c>libtorch_cpu</c> and <c>libtorch</c> by full path first makes every later lookup
/// find them. Console apps have the files next to the app; notebooks (<c>#r "nuget: ..."</c>) find them in the NuGet
/// package folder the TorchSharp assembly was loaded from. Opt out with <c>DEEPKERAS_PRELOAD_LIBTORCH=0</c>.
/// </remarks>
internal static class LibtorchPreload
{
    // The libtorch build TorchSharp-cpu 0.107.0 is made for (the version of its libtorch-cpu-<rid> dependency).
    private const string LibtorchVersion = "2.10.0";

    // Dependency order: each library's own needs are already loaded when it is.
    private static readonly string[] Libraries = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];

    /// <summary>Gets the folder the libraries were loaded from, or null when nothing was preloaded.</summary>
    public static string? LoadedFrom { get; private set; }

    /// <summary>Preloads the libraries from the first candidate folder that has them all; does nothing elsewhere.</summary>
    public static void Run()
    {
        if (!OperatingSystem.IsLinux() || LoadedFrom is not null || Environment.GetEnvironmentVariable("DEEPKERAS_PRELOAD_LIBTORCH") == "0")
        {
            return;
        }

        var folder = CandidateFolders().FirstOrDefault(d => Libraries.All(l => File.Exists(Path.Combine(d, l))));
        if (folder is null)
        {
            // No package copy found: TorchSharp's own search runs, and a failure is explained by NativePreflight.
            return;
        }

        foreach (var lib in Libraries)
        {
            if (!NativeLibrary.TryLoad(Path.Combine(folder, lib), out _))
            {
                return;
            }
        }

        LoadedFrom = folder;
    }

    /// <summary>The folders that may hold the package's libtorch, most specific first.</summary>
    internal static IEnumerable<string> CandidateFolders()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var app = AppContext.BaseDirectory;
        yield return app;
        yield return Path.Combine(app, "runtimes", rid, "native");

        foreach (var root in PackageRoots())
        {
            yield return Path.Combine(root, $"libtorch-cpu-{rid}", LibtorchVersion, "runtimes", rid, "native");
        }
    }

    /// <summary>NuGet package roots: the one TorchSharp.dll was loaded from (…/torchsharp/&lt;ver&gt;/lib/&lt;tfm&gt;/), $NUGET_PACKAGES, ~/.nuget/packages.</summary>
    private static IEnumerable<string> PackageRoots()
    {
        var assembly = typeof(TorchSharp.torch).Assembly.Location;
        if (!string.IsNullOrEmpty(assembly))
        {
            // <root>/torchsharp/<version>/lib/<tfm>/TorchSharp.dll
            var tfm = Path.GetDirectoryName(assembly);
            var root = tfm is null ? null : Path.GetFullPath(Path.Combine(tfm, "..", "..", "..", ".."));
            if (root is not null && tfm!.Contains($"{Path.DirectorySeparatorChar}torchsharp{Path.DirectorySeparatorChar}", StringComparison.OrdinalIgnoreCase))
            {
                yield return root;
            }
        }

        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } env)
        {
            yield return env;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home))
        {
            yield return Path.Combine(home, ".nuget", "packages");
        }
    }
}
