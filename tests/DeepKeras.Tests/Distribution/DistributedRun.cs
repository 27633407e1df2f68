using System.Text.Json;
using DeepKeras.Tests.TestUtil;

namespace DeepKeras.Tests.Distribution;

/// <summary>Runs tests/DeepKeras.DistributedCheck under <c>mpiexec -n N</c> and reads the report each process wrote.</summary>
internal static class DistributedRun
{
    /// <summary>One process's report (see DistributedCheck's Program.cs).</summary>
    public sealed record Report(int Rank, int Processes, int[] Epochs, Dictionary<string, double[]> History, float[] Weights,
        string[] Names, double[] Evaluate, float[] Predict, string[] Files);

    /// <summary>Runs <c>mpiexec -n <paramref name="processes"/> dotnet DeepKeras.DistributedCheck.dll args…</c>.</summary>
    /// <param name="processes">The number of processes.</param>
    /// <param name="args">The check program's arguments.</param>
    /// <param name="timeoutSeconds">The process tree is killed after this.</param>
    /// <param name="environment">Extra environment variables.</param>
    public static ChildProcess.Result Mpiexec(int processes, string[] args, int timeoutSeconds = 180, IReadOnlyDictionary<string, string>? environment = null) =>
        ChildProcess.Run(ChildProcess.OnPath("mpiexec")!,
            ["-n", processes.ToString(System.Globalization.CultureInfo.InvariantCulture), ChildProcess.DotnetHost, ChildProcess.HelperDll("DeepKeras.DistributedCheck"), .. args],
            TimeSpan.FromSeconds(timeoutSeconds), environment);

    /// <summary>Runs the check program and returns every process's report, failing the test when the run failed.</summary>
    /// <param name="processes">The number of processes.</param>
    /// <param name="output">The folder the program writes into.</param>
    /// <param name="args">The program's arguments (the folder is inserted as the second).</param>
    public static (Report[] Reports, ChildProcess.Result Run) Reports(int processes, string output, params string[] args)
    {
        var run = Mpiexec(processes, [args[0], output, .. args[1..]]);
        Assert.False(run.TimedOut, $"mpiexec -n {processes} {string.Join(' ', args)} did not finish in time.\n{run.Error}");
        Assert.True(run.ExitCode == 0, $"mpiexec -n {processes} {string.Join(' ', args)} exited with {run.ExitCode}:\n{run.Output}\n{run.Error}");
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        var reports = Enumerable.Range(0, processes)
            .Select(r => JsonSerializer.Deserialize<Report>(File.ReadAllText(Path.Combine(output, $"report.rank{r}.json")), options)!)
            .ToArray();
        return (reports, run);
    }

    /// <summary>Asserts two runs' weights and History are within <paramref name="tolerance"/> of each other.</summary>
    /// <param name="expected">The reference (one process).</param>
    /// <param name="actual">A process of the distributed run.</param>
    /// <param name="tolerance">The largest absolute difference.</param>
    public static void AssertSameTraining(Report expected, Report actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Names, actual.Names);
        AssertClose(expected.Weights.Select(v => (double)v).ToArray(), actual.Weights.Select(v => (double)v).ToArray(), tolerance, $"weights of process {actual.Rank}");
        Assert.Equal(expected.Epochs, actual.Epochs);
        Assert.Equal(expected.History.Keys.Order(), actual.History.Keys.Order());
        foreach (var (key, values) in expected.History)
        {
            AssertClose(values, actual.History[key], tolerance, $"History[{key}] of process {actual.Rank}");
        }
    }

    /// <summary>Asserts two arrays have the same length and elements within <paramref name="tolerance"/>.</summary>
    /// <param name="expected">The expected values.</param>
    /// <param name="actual">The values.</param>
    /// <param name="tolerance">The largest absolute difference.</param>
    /// <param name="what">What is compared, for the message.</param>
    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance, string what)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: {actual.Count} values, expected {expected.Count}");
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).DefaultIfEmpty(0).Max();
        Assert.True(worst <= tolerance, $"{what}: largest difference {worst:E2} exceeds {tolerance:E0}");
    }

    /// <summary>Returns the values of the named weight from a report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="sizes">The number of values of each weight, in report order.</param>
    /// <param name="name">The weight's path.</param>
    public static double[] Weight(Report report, IReadOnlyDictionary<string, int> sizes, string name)
    {
        var offset = report.Names.TakeWhile(n => n != name).Sum(n => sizes[n]);
        return report.Weights.Skip(offset).Take(sizes[name]).Select(v => (double)v).ToArray();
    }
}
