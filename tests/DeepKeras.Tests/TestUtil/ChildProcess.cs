using System.Diagnostics;

namespace DeepKeras.Tests.TestUtil;

/// <summary>
/// Runs the helper programs built next to the tests (tests/DeepKeras.SaveCheck, tests/DeepKeras.DistributedCheck) as
/// separate processes, with a timeout that kills the whole process tree (an MPI launcher and all its processes).
/// </summary>
internal static class ChildProcess
{
    /// <summary>What a finished (or killed) run left.</summary>
    /// <param name="ExitCode">The exit code (−1 when killed on timeout).</param>
    /// <param name="Output">Everything written to stdout.</param>
    /// <param name="Error">Everything written to stderr.</param>
    /// <param name="Elapsed">The wall-clock time until exit or kill.</param>
    /// <param name="TimedOut">True when the timeout killed it.</param>
    public sealed record Result(int ExitCode, string Output, string Error, TimeSpan Elapsed, bool TimedOut);

    /// <summary>Gets the <c>dotnet</c> host running the tests.</summary>
    public static string DotnetHost => Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";

    /// <summary>Returns the path of a test helper project's program, built with the same configuration as the tests.</summary>
    /// <param name="project">The project name, e.g. <c>DeepKeras.SaveCheck</c>.</param>
    public static string HelperDll(string project)
    {
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = baseDir.Parent!.Name;
        var dll = Path.GetFullPath(Path.Combine(baseDir.FullName, "..", "..", "..", "..", project, "bin", configuration, baseDir.Name, project + ".dll"));
        Assert.True(File.Exists(dll), $"{project} is not built at {dll}");
        return dll;
    }

    /// <summary>Returns the full path of a program found on PATH, or null.</summary>
    /// <param name="name">The program name, e.g. <c>mpiexec</c>.</param>
    public static string? OnPath(string name) => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, name))
        .FirstOrDefault(File.Exists);

    /// <summary>Runs a program and waits for it, killing its process tree after <paramref name="timeout"/>.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="timeout">The longest run.</param>
    /// <param name="environment">Extra environment variables.</param>
    public static Result Run(string fileName, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var finished = process.WaitForExit(timeout);
        if (!finished)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        var elapsed = clock.Elapsed;
        return new Result(finished ? process.ExitCode : -1, output.Result, error.Result, elapsed, !finished);
    }
}
