using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using TorchSharp;

namespace DeepKeras.Backend;

/// <summary>Loads libtorch once and turns a failed load into one clear <see cref="BackendLoadException"/>.</summary>
internal static partial class NativePreflight
{
    private const string RequiredGlibcxx = "GLIBCXX_3.4.32";
    private static readonly object Gate = new();
    private static bool _loaded;
    private static BackendLoadException? _failure;

    public static void EnsureLoaded(DeviceType deviceType = DeviceType.CPU)
    {
        if (_loaded && deviceType == DeviceType.CPU)
        {
            return;
        }

        lock (Gate)
        {
            if (_failure is not null)
            {
                throw _failure;
            }

            // TorchSharp prints its whole loader trace to stdout before throwing; the user gets our one explanation instead.
            var stdout = Console.Out;
            Console.SetOut(TextWriter.Null);
            try
            {
                LibtorchPreload.Run();
                torch.InitializeDeviceType(deviceType);
                _loaded = true;
            }
            catch (Exception ex) when (ex is DllNotFoundException or NotSupportedException or TypeInitializationException
                                           or EntryPointNotFoundException or BadImageFormatException)
            {
                _failure = new BackendLoadException(Diagnose(ex), ex);
                throw _failure;
            }
            finally
            {
                Console.SetOut(stdout);
            }
        }
    }

    /// <summary>Builds the explanation for a failed native load.</summary>
    internal static string Diagnose(Exception ex) =>
        Diagnose(ex, OperatingSystem.IsLinux() ? FindLibStdCxx() : (null, null), ProbeShim());

    /// <summary>Builds the explanation given the libstdc++ found on the machine.</summary>
    /// <param name="ex">The loader's exception.</param>
    /// <param name="libstdcxx">The libstdc++ the process uses and its newest GLIBCXX version.</param>
    /// <param name="shimError">The dynamic loader's own message for libLibTorchSharp, if a direct load failed.</param>
    internal static string Diagnose(Exception ex, (string? Path, string? Newest) libstdcxx, string? shimError = null)
    {
        var sb = new StringBuilder("DeepKeras could not load the TorchSharp native libraries (libtorch 2.10 / LibTorchSharp). ");
        var (path, newest) = libstdcxx;
        if (path is not null && newest is not null && CompareGlibcxx(newest, RequiredGlibcxx) < 0)
        {
            sb.Append($"TorchSharp 0.107 needs libstdc++ with {RequiredGlibcxx} (GCC 13+ runtime); found {newest} at {path}. ");
            sb.Append("Fix: run `./build.sh setup` as root (Debian 12: installs libstdc++6 from Debian 13 \"trixie\" with apt pin 100), ");
            sb.Append("or use Ubuntu 24.04+/Debian 13+. ");
            return sb.Append($"Loader said: {shimError ?? FirstLine(Innermost(ex).Message)}").ToString();
        }

        var inner = shimError ?? FirstLine(Innermost(ex).Message);
        if (ForeignLibtorch() is { } foreign)
        {
            sb.Append($"A different libtorch was loaded into the process first ({foreign}), e.g. a system libtorch from ");
            sb.Append("python3-torch or LD_LIBRARY_PATH; DeepKeras loads the package's own copy first unless DEEPKERAS_PRELOAD_LIBTORCH=0 is set or the package's files are not found. ");
        }

        if (inner.Contains("libtorch-cpu", StringComparison.OrdinalIgnoreCase) || ex is NotSupportedException)
        {
            sb.Append("Check that the application references the TorchSharp-cpu (or a TorchSharp-cuda) package so the native files are copied next to it. ");
        }

        return sb.Append($"Loader said: {inner}").ToString();
    }

    /// <summary>The path of a libtorch_cpu.so mapped into the process that is not the package's copy, if any.</summary>
    private static string? ForeignLibtorch()
    {
        if (!File.Exists("/proc/self/maps"))
        {
            return null;
        }

        var mapped = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault())
            .FirstOrDefault(p => p is not null && Path.GetFileName(p) == "libtorch_cpu.so");
        return mapped is null || LibtorchPreload.CandidateFolders().Any(d => Path.GetFullPath(Path.Combine(d, "libtorch_cpu.so")) == mapped)
            ? null
            : mapped;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    /// <summary>Loads libLibTorchSharp directly to get the dynamic loader's message (e.g. a missing GLIBCXX version).</summary>
    private static string? ProbeShim()
    {
        var name = OperatingSystem.IsWindows() ? "LibTorchSharp.dll" : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so";
        var rid = RuntimeInformation.RuntimeIdentifier;
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, name), Path.Combine(AppContext.BaseDirectory, "cpu", name),
            Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", name),
        ];
        foreach (var path in candidates.Where(File.Exists))
        {
            try
            {
                NativeLibrary.Free(NativeLibrary.Load(path));
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                // .NET lists every probed path; the dynamic loader's reason is the line that says what was not found.
                var lines = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return lines.FirstOrDefault(l => l.Contains("not found", StringComparison.Ordinal)) ?? FirstLine(e.Message);
            }
        }

        return null;
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }

    /// <summary>Finds the libstdc++ the process uses (from /proc/self/maps) and the newest GLIBCXX version it provides.</summary>
    internal static (string? Path, string? Newest) FindLibStdCxx()
    {
        var mapped = File.Exists("/proc/self/maps")
            ? File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault())
                .FirstOrDefault(p => p is not null && p.Contains("libstdc++.so"))
            : null;
        string[] candidates =
        [
            .. mapped is null ? Array.Empty<string>() : [mapped],
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        ];
        var path = candidates.FirstOrDefault(File.Exists);
        if (path is null)
        {
            return (null, null);
        }

        try
        {
            var text = Encoding.ASCII.GetString(File.ReadAllBytes(path));
            var newest = GlibcxxPattern().Matches(text).Select(m => m.Value).Distinct()
                .OrderBy(v => v, Comparer<string>.Create(CompareGlibcxx)).LastOrDefault();
            return (path, newest);
        }
        catch (IOException)
        {
            return (path, null);
        }
    }

    internal static int CompareGlibcxx(string a, string b)
    {
        static int[] Parts(string v) => v["GLIBCXX_".Length..].Split('.').Select(int.Parse).ToArray();
        var (pa, pb) = (Parts(a), Parts(b));
        for (var i = 0; i < Math.Max(pa.Length, pb.Length); i++)
        {
            var c = (i < pa.Length ? pa[i] : 0).CompareTo(i < pb.Length ? pb[i] : 0);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    [GeneratedRegex(@"GLIBCXX_\d+\.\d+(\.\d+)?")]
    private static partial Regex GlibcxxPattern();
}
