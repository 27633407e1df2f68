using System.Diagnostics;

namespace DeepKeras.Utils.Plotting;

/// <summary>Runs Graphviz's <c>dot</c> program, as Keras's <c>plot_model</c> does through pydot.</summary>
internal static class GraphvizDot
{
    private const string Missing =
        "Graphviz's `dot` program was not found on the PATH; PlotModel needs it to draw the model. " +
        "Install the `graphviz` package (Debian/Ubuntu: `apt-get install graphviz`; see https://graphviz.org/download/).";

    /// <summary>Renders <paramref name="dotText"/> into <paramref name="path"/> in the given output format (png, svg, pdf, ...).</summary>
    /// <exception cref="FileNotFoundException"><c>dot</c> is not installed.</exception>
    /// <exception cref="InvalidOperationException"><c>dot</c> failed; the message holds its error output.</exception>
    public static void Render(string dotText, string path, string format) =>
        Render(dotText, path, format, Environment.GetEnvironmentVariable("PATH") ?? string.Empty);

    /// <summary>Renders with <c>dot</c> looked up in <paramref name="searchPath"/> (a PATH-style folder list).</summary>
    internal static void Render(string dotText, string path, string format, string searchPath)
    {
        var exe = Find(searchPath) ?? throw new FileNotFoundException(Missing, "dot");
        var info = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-T" + format);
        info.ArgumentList.Add("-o");
        info.ArgumentList.Add(path);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start Graphviz's `dot` ({exe}).");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        process.StandardInput.Write(dotText);
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Graphviz's `dot -T{format}` failed with exit code {process.ExitCode} writing \"{path}\": {error.Result.Trim()} {output.Result.Trim()}".TrimEnd());
        }
    }

    private static string? Find(string searchPath)
    {
        var names = OperatingSystem.IsWindows() ? new[] { "dot.exe" } : ["dot"];
        var dirs = searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return dirs.SelectMany(d => names.Select(n => Path.Combine(d, n))).FirstOrDefault(File.Exists);
    }
}
