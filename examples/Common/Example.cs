using System.Reflection;
using DeepKeras.Backend;

namespace DeepKeras.Examples;

/// <summary>
/// Runs an example's body with what every example needs around it: options and <c>--help</c>, the random seed, the
/// backend line, exit codes for known failures, <c>result.txt</c> and <c>history.csv</c>, and the last line
/// <c>RESULT key=value …</c>.
/// </summary>
/// <remarks>
/// Exit codes: 0 after a run or <c>--help</c>; 1 when the data is missing or unusable (an <see cref="IOException"/> or
/// <see cref="InvalidDataException"/>, whose message says what to install or pass); 2 on a bad option (the message and
/// the usage go to stderr); 3 when the native libraries cannot load (<see cref="BackendLoadException"/>).
/// </remarks>
internal static class Example
{
    /// <summary>Runs an example that takes only the common options.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="defaults">The example's defaults.</param>
    /// <param name="body">The example: data, model, training, evaluation, files; returns its results.</param>
    /// <param name="usageNote">Lines printed under the usage, or null.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, ExampleOptions defaults, Func<ExampleRun, ExampleResult> body, string? usageNote = null) =>
        Run(args, defaults, _ => 0, (run, _) => body(run), usageNote);

    /// <summary>Runs an example that takes its own options too.</summary>
    /// <typeparam name="T">The example's settings, e.g. a tuple.</typeparam>
    /// <param name="args">The command line.</param>
    /// <param name="defaults">The example's defaults.</param>
    /// <param name="readExtras">Reads the example's settings from its own options (see <see cref="ExtraOptions"/>).</param>
    /// <param name="body">The example: data, model, training, evaluation, files; returns its results.</param>
    /// <param name="usageNote">Lines printed under the usage, or null.</param>
    /// <returns>The exit code.</returns>
    public static int Run<T>(string[] args, ExampleOptions defaults, Func<ExtraOptions, T> readExtras, Func<ExampleRun, T, ExampleResult> body,
        string? usageNote = null)
    {
        var declared = ExtraOptions.Declare(readExtras);
        var usage = $"usage: dotnet run -c Release --project examples/{Assembly.GetEntryAssembly()?.GetName().Name} -- {ExampleOptions.Usage}" +
            (declared.Names.Count > 0 ? $"\n         {declared.Usage}" : "") + (usageNote is null ? "" : $"\n{usageNote}");
        ExampleOptions? options;
        T settings;
        try
        {
            settings = readExtras(declared.Extract(args, out var rest));
            options = ExampleOptions.Parse(rest, defaults);
            if (options is not null)
            {
                Keras.Backend.Device = Keras.Backend.ParseDevice(options.Device);
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"{e.Message}\n{usage}");
            return 2;
        }

        if (options is null)
        {
            Console.WriteLine(usage);
            return 0;
        }

        var run = new ExampleRun(options);
        ExampleResult result;
        try
        {
            Keras.Utils.SetRandomSeed(options.Seed);
            Console.WriteLine(Keras.Backend.Describe());
            Console.WriteLine();
            result = body(run, settings);
        }
        catch (BackendLoadException e)
        {
            Console.Error.WriteLine(e.Message);
            return 3;
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }

        var line = result.Line(run.Clock.Seconds);
        if (result.History is { } history)
        {
            run.Save("history.csv", path => HistoryCsv.Write(history, path));
        }

        run.Save("result.txt", path => File.WriteAllText(path, line + "\n"));
        if (run.Written.Count > 0)
        {
            Console.WriteLine($"Wrote {string.Join(", ", run.Written)}");
        }

        Console.WriteLine(line);
        return 0;
    }
}
