using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace NotebookRunner;

/// <summary>
/// Runs Jupyter notebooks (.ipynb) headless with the .NET Interactive C# kernel, in this process, and writes the
/// outputs back into the notebook as Jupyter outputs (stream, display_data, execute_result, error).
/// </summary>
/// <remarks>
/// Usage: <c>NotebookRunner [--out DIR] [--feed DIR] [--cell-timeout SECONDS] NOTEBOOK.ipynb...</c>. <c>--feed</c> adds a
/// local package folder to the NuGet restores of <c>#r "nuget: ..."</c> (through <c>RestoreAdditionalProjectSources</c>). Each notebook runs in a fresh
/// child process (a fresh kernel: auto-generated layer names, formatters and loaded assemblies do not leak from one
/// notebook into the next) with its own folder as the working directory, so relative <c>#i</c> paths work as they do
/// in Jupyter. Without <c>--out</c> the notebooks are rewritten in place. A cell error stops that notebook: the
/// outputs so far are written, the error names the notebook and the cell, and the exit status is 1. Outputs that
/// contain terminal control characters (carriage return, backspace, escape sequences) are an error too.
/// NuGet packages that ship <c>interactive-extensions/dotnet/extension.dib</c> are loaded as dotnet-interactive does.
/// </remarks>
public static class Program
{
    private static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(30);

    public static async Task<int> Main(string[] args)
    {
        string? outDir = null;
        var cellTimeout = DefaultCellTimeout;
        var single = false;
        var notebooks = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length:
                    outDir = args[++i];
                    break;
                case "--cell-timeout" when i + 1 < args.Length:
                    cellTimeout = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture));
                    break;
                case "--feed" when i + 1 < args.Length:
                    // The local package feed (./build.sh pack): NuGet restores of #r "nuget: ..." read extra sources
                    // from the MSBuild property RestoreAdditionalProjectSources, which an environment variable sets.
                    Environment.SetEnvironmentVariable("RestoreAdditionalProjectSources", Path.GetFullPath(args[++i]));
                    break;
                case "--single":
                    single = true;
                    break;
                case "-h" or "--help":
                    Console.WriteLine("usage: NotebookRunner [--out DIR] [--feed DIR] [--cell-timeout SECONDS] NOTEBOOK.ipynb...");
                    return 0;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        Console.Error.WriteLine($"error: unknown option {args[i]}");
                        return 2;
                    }

                    notebooks.Add(args[i]);
                    break;
            }
        }

        if (notebooks.Count == 0)
        {
            Console.Error.WriteLine("usage: NotebookRunner [--out DIR] [--feed DIR] [--cell-timeout SECONDS] NOTEBOOK.ipynb...");
            return 2;
        }

        if (single)
        {
            return await RunNotebookAsync(notebooks[0], outDir, cellTimeout);
        }

        var failed = 0;
        foreach (var notebook in notebooks)
        {
            failed += await RunInChildProcessAsync(notebook, outDir, cellTimeout) == 0 ? 0 : 1;
        }

        if (failed > 0)
        {
            Console.Error.WriteLine($"{failed} of {notebooks.Count} notebook(s) failed");
        }

        return failed == 0 ? 0 : 1;
    }

    private static async Task<int> RunInChildProcessAsync(string notebook, string? outDir, TimeSpan cellTimeout)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) is "dotnet")
        {
            start.ArgumentList.Add(typeof(Program).Assembly.Location);
        }

        start.ArgumentList.Add("--single");
        start.ArgumentList.Add("--cell-timeout");
        start.ArgumentList.Add(cellTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        if (outDir is not null)
        {
            start.ArgumentList.Add("--out");
            start.ArgumentList.Add(Path.GetFullPath(outDir));
        }

        start.ArgumentList.Add(Path.GetFullPath(notebook));
        using var child = Process.Start(start)!;
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

    private static async Task<int> RunNotebookAsync(string path, string? outDir, TimeSpan cellTimeout)
    {
        var fullPath = Path.GetFullPath(path);
        var display = Path.GetRelativePath(Environment.CurrentDirectory, fullPath);
        JsonObject document;
        try
        {
            document = JsonNode.Parse(await File.ReadAllTextAsync(fullPath))?.AsObject()
                       ?? throw new JsonException("the file holds no JSON object");
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: {display}: cannot read the notebook: {e.Message}");
            return 1;
        }

        var target = outDir is null ? fullPath : Path.Combine(Path.GetFullPath(outDir), Path.GetFileName(fullPath));
        Environment.CurrentDirectory = Path.GetDirectoryName(fullPath)!;
        var watch = Stopwatch.StartNew();
        Console.WriteLine($"== {display}");

        var kernel = CreateKernel();
        var cells = document["cells"]?.AsArray() ?? [];
        var executionCount = 0;
        var status = 0;
        for (var index = 0; index < cells.Count; index++)
        {
            var cell = cells[index]!.AsObject();
            if ((string?)cell["cell_type"] != "code")
            {
                continue;
            }

            executionCount++;
            var code = SourceText(cell["source"]);
            var cellWatch = Stopwatch.StartNew();
            var run = await RunCellAsync(kernel, code, executionCount, cellTimeout);
            cell["execution_count"] = executionCount;
            cell["outputs"] = run.Outputs;
            var label = $"cell {index + 1} (code cell {executionCount}, \"{FirstLine(code)}\")";
            Console.WriteLine($"   {label}: {cellWatch.Elapsed.TotalSeconds:F1}s");
            if (run.Error is not null)
            {
                Console.Error.WriteLine($"error: {display}: {label} failed:\n{run.Error}");
                status = 1;
                break;
            }

            if (ControlCharacters(run.Outputs) is { } bad)
            {
                Console.Error.WriteLine($"error: {display}: {label} printed a terminal control character ({bad}); notebook outputs must be plain text.");
                status = 1;
                break;
            }
        }

        // Objects a notebook leaves to the garbage collector are finalized after its kernel is gone, as at the end of a
        // Jupyter session; collect them now, so that a finalizer that cannot run (a P/Invoke that only the kernel's
        // package resolver could bind) fails this notebook every time instead of now and then.
        kernel.Dispose();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var tmp = target + ".tmp";
        await File.WriteAllTextAsync(tmp, Serialize(document));
        File.Move(tmp, target, overwrite: true);
        Console.WriteLine($"   {(status == 0 ? "ok" : "FAILED")} in {watch.Elapsed.TotalSeconds:F1}s -> {Path.GetRelativePath(Path.GetDirectoryName(fullPath)!, target)}");
        return status;
    }

    private static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((k, resolved) =>
            {
                k.AddAssemblyReferences(resolved.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers();
        var kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;
        return kernel;
    }

    private sealed record CellRun(JsonArray Outputs, string? Error);

    private static async Task<CellRun> RunCellAsync(CompositeKernel kernel, string code, int executionCount, TimeSpan timeout)
    {
        var outputs = new CellOutputs(executionCount);
        var packageRoots = new List<string>();
        using var subscription = kernel.KernelEvents.Subscribe(e =>
        {
            outputs.Add(e);
            if (e is PackageAdded { PackageReference.PackageRoot: { } root })
            {
                lock (packageRoots)
                {
                    packageRoots.Add(root);
                }
            }
        });

        var error = await SubmitAsync(kernel, code, timeout);
        if (error is null)
        {
            // dotnet-interactive runs a package's interactive-extensions/dotnet/extension.dib once it is added.
            foreach (var root in packageRoots.Distinct())
            {
                var script = Path.Combine(root, "interactive-extensions", "dotnet", "extension.dib");
                if (File.Exists(script) && ExtensionCode(await File.ReadAllTextAsync(script)) is { Length: > 0 } extension)
                {
                    error = await SubmitAsync(kernel, extension, timeout);
                    if (error is not null)
                    {
                        error = $"loading the extension {script} failed: {error}";
                        break;
                    }
                }
            }
        }

        if (error is not null)
        {
            outputs.AddError(error);
        }

        return new CellRun(outputs.ToJson(), error);
    }

    private static async Task<string?> SubmitAsync(CompositeKernel kernel, string code, TimeSpan timeout)
    {
        var send = kernel.SendAsync(new SubmitCode(code));
        if (await Task.WhenAny(send, Task.Delay(timeout)) != send)
        {
            return $"the cell did not finish within {timeout.TotalSeconds:F0}s (--cell-timeout)";
        }

        var result = await send;
        var failed = result.Events.OfType<CommandFailed>().FirstOrDefault();
        return failed is null ? null : failed.Message ?? failed.Exception?.ToString() ?? "the cell failed";
    }

    // extension.dib: a .NET Interactive script; run its C# parts.
    private static string ExtensionCode(string dib)
    {
        var code = new List<string>();
        var inCSharp = true;
        foreach (var line in dib.Split('\n'))
        {
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                inCSharp = line.TrimEnd() is "#!csharp" or "#!c#" or "#!C#";
                continue;
            }

            if (inCSharp)
            {
                code.Add(line);
            }
        }

        return string.Join('\n', code).Trim();
    }

    private static string SourceText(JsonNode? source) => source switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue v => (string?)v ?? "",
        _ => "",
    };

    private static string FirstLine(string code)
    {
        var line = code.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length > 60 ? line[..57] + "..." : line;
    }

    /// <summary>Names the first control character (other than newline and tab) in the text outputs, or null.</summary>
    private static string? ControlCharacters(JsonArray outputs)
    {
        foreach (var output in outputs)
        {
            var texts = new List<JsonNode?> { output?["text"] };
            if (output?["data"] is JsonObject data)
            {
                texts.AddRange(data.Where(kv => kv.Key.StartsWith("text/", StringComparison.Ordinal)).Select(kv => kv.Value));
            }

            foreach (var ch in texts.SelectMany(t => SourceText(t)))
            {
                if (char.IsControl(ch) && ch is not '\n' and not '\t')
                {
                    return $"U+{(int)ch:X4}";
                }
            }
        }

        return null;
    }

    private static string Serialize(JsonObject document)
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = 1,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return document.ToJsonString(options) + "\n";
    }

    /// <summary>Collects a cell's kernel events as Jupyter outputs.</summary>
    private sealed class CellOutputs(int executionCount)
    {
        private readonly List<JsonObject> _outputs = [];
        private readonly Dictionary<string, JsonObject> _displays = [];
        private readonly object _lock = new();

        public void Add(KernelEvent e)
        {
            lock (_lock)
            {
                switch (e)
                {
                    case StandardOutputValueProduced o:
                        Stream("stdout", PlainText(o));
                        break;
                    case StandardErrorValueProduced o:
                        Stream("stderr", PlainText(o));
                        break;
                    case ReturnValueProduced r:
                        _outputs.Add(new JsonObject
                        {
                            ["output_type"] = "execute_result",
                            ["execution_count"] = executionCount,
                            ["data"] = Data(r.FormattedValues),
                            ["metadata"] = new JsonObject(),
                        });
                        break;
                    case DisplayedValueUpdated u when u.ValueId is not null && _displays.TryGetValue(u.ValueId, out var shown):
                        shown["data"] = Data(u.FormattedValues);
                        break;
                    case DisplayedValueProduced d:
                        var display = new JsonObject
                        {
                            ["output_type"] = "display_data",
                            ["data"] = Data(d.FormattedValues),
                            ["metadata"] = new JsonObject(),
                        };
                        if (d.ValueId is not null)
                        {
                            _displays[d.ValueId] = display;
                        }

                        _outputs.Add(display);
                        break;
                }
            }
        }

        public void AddError(string message)
        {
            lock (_lock)
            {
                _outputs.Add(new JsonObject
                {
                    ["output_type"] = "error",
                    ["ename"] = "Error",
                    ["evalue"] = message,
                    ["traceback"] = new JsonArray(message.Split('\n').Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
                });
            }
        }

        public JsonArray ToJson()
        {
            lock (_lock)
            {
                return new JsonArray(_outputs.Select(o => (JsonNode?)o.DeepClone()).ToArray());
            }
        }

        private static string PlainText(DisplayEvent e) =>
            e.FormattedValues.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value ?? e.Value?.ToString() ?? "";

        // Consecutive writes to one stream become one output, as Jupyter shows them.
        private void Stream(string name, string text)
        {
            if (_outputs.Count > 0 && _outputs[^1] is var last && (string?)last["output_type"] == "stream" && (string?)last["name"] == name)
            {
                last["text"] = Lines(SourceText(last["text"]) + text);
                return;
            }

            _outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = Lines(text) });
        }

        private static JsonObject Data(IEnumerable<FormattedValue> values)
        {
            var data = new JsonObject();
            foreach (var v in values.Where(v => !v.SuppressDisplay))
            {
                // Jupyter keeps binary data as one base64 string and text as a list of lines.
                data[v.MimeType] = v.MimeType.StartsWith("image/", StringComparison.Ordinal) && v.MimeType != "image/svg+xml"
                    ? JsonValue.Create(v.Value)
                    : Lines(v.Value);
            }

            return data;
        }

        // Windows line ends (the default HTML formatter's styles have them) become \n as in any Jupyter output; a lone
        // \r (a progress bar redrawing in place) stays and fails the control-character check.
        private static JsonArray Lines(string text)
        {
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
            var lines = new JsonArray();
            var start = 0;
            while (start < text.Length)
            {
                var end = text.IndexOf('\n', start);
                end = end < 0 ? text.Length : end + 1;
                lines.Add(text[start..end]);
                start = end;
            }

            return lines;
        }
    }
}
