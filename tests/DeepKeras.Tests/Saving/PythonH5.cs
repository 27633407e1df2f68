using System.Diagnostics;

namespace DeepKeras.Tests.Saving;

/// <summary>
/// Runs the h5py scripts of tests/scripts with a Python that has h5py (Debian's python3-h5py, installed by
/// scripts/setup.sh). When none is found the calling test fails with the fix, so CI cannot silently skip it.
/// </summary>
internal static class PythonH5
{
    private static readonly Lazy<string?> Interpreter = new(Find);

    /// <summary>Runs a script from tests/scripts and returns its standard output.</summary>
    public static string Run(string script, params string[] args)
    {
        var python = Interpreter.Value ?? throw new InvalidOperationException(
            "These tests need python3 with h5py (Debian: `apt-get install python3-h5py`; `./build.sh setup` installs it).");
        var path = Path.Combine(AppContext.BaseDirectory, "scripts", script);
        var (code, output, error) = Exec(python, [path, .. args]);
        Assert.True(code == 0, $"{script} failed with exit code {code}:\n{error}");
        return output.Replace("\r\n", "\n").TrimEnd('\n');
    }

    private static string? Find()
    {
        foreach (var candidate in new[] { "/usr/bin/python3", "python3", "python" })
        {
            try
            {
                if (Exec(candidate, ["-c", "import h5py"]).Code == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under this name.
            }
        }

        return null;
    }

    private static (int Code, string Output, string Error) Exec(string file, string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within 60 s.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
