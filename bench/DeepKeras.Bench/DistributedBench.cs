using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeepKeras.Distribution;

namespace DeepKeras.Bench;

/// <summary>
/// Data-parallel scaling over MPI: the MLP and the Keras mnist_convnet, each trained on the same global work (global
/// batch <c>--batch-size</c>, the same samples) by 1 process and by 2 processes, every process with 1 thread. The driver
/// launches <c>mpiexec -n 1</c> and <c>mpiexec -n 2</c> runs of this program in alternating order for <c>--rounds</c>
/// rounds; each run trains one warm-up epoch, then times <c>--epochs</c> epochs. Reported per model: samples/s of both,
/// the scaling efficiency (2-process throughput / (2 × 1-process throughput)) and the fraction of the 2-process step time
/// spent in the gradient all-reduce (waiting for the slower process included).
/// </summary>
internal static class DistributedBench
{
    private const string WorkerMode = "distributed-worker:";

    /// <summary>The result line a worker prints.</summary>
    private sealed record WorkerResult(int Processes, double SamplesPerSecond, double Seconds, double AllReduceSeconds, long AllReduces, long Steps);

    /// <summary>Gets whether <paramref name="mode"/> is a worker run launched by the driver.</summary>
    /// <param name="mode">The first argument.</param>
    public static bool IsWorker(string mode) => mode.StartsWith(WorkerMode, StringComparison.Ordinal);

    /// <summary>The driver: launches the runs, prints the table and <c>RATIO scaling_efficiency_convnet=…</c>.</summary>
    /// <param name="options">The options (--rounds, --limit, --epochs, --batch-size).</param>
    /// <returns>The exit code.</returns>
    public static int Run(BenchOptions options)
    {
        if (Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "mpiexec"))) != true)
        {
            Console.Error.WriteLine("distributed: mpiexec is not on PATH. Install an MPICH-ABI MPI (./build.sh setup installs Debian's mpich).");
            return 2;
        }

        var limit = options.Limit ?? 12_800;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"distributed: {limit} samples, global batch {options.BatchSize}, {options.Epochs ?? 1} timed epoch(s) after a warm-up epoch, " +
            $"{options.Rounds} rounds of (1 process, 2 processes), 1 thread per process"));
        var efficiencies = new Dictionary<string, double>();
        foreach (var model in new[] { "mlp", "convnet" })
        {
            var one = new List<WorkerResult>();
            var two = new List<WorkerResult>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                // Alternate the order so that a change of machine load inside a round favours neither side.
                foreach (var processes in round % 2 == 1 ? new[] { 1, 2 } : [2, 1])
                {
                    var result = Launch(model, processes, limit, options);
                    (processes == 1 ? one : two).Add(result);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{model,-8} round {round}  {processes} process(es)  {result.SamplesPerSecond,8:0} samples/s   all-reduce {result.AllReduceSeconds / result.Seconds,6:P1} of {result.Seconds:0.0} s"));
                }
            }

            var rate1 = Stats.Median(one.Select(r => r.SamplesPerSecond).ToList());
            var rate2 = Stats.Median(two.Select(r => r.SamplesPerSecond).ToList());
            var fraction = Stats.Median(two.Select(r => r.AllReduceSeconds / r.Seconds).ToList());
            var perStep = Stats.Median(two.Select(r => r.AllReduceSeconds / Math.Max(1, r.AllReduces) * 1000).ToList());
            efficiencies[model] = rate2 / (2 * rate1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{model,-8} median: 1 process {rate1:0} samples/s, 2 processes {rate2:0} samples/s, scaling efficiency {efficiencies[model]:0.000}, " +
                $"all-reduce {fraction:P1} of the 2-process step time ({perStep:0.00} ms per step)"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RATIO scaling_efficiency_mlp={efficiencies["mlp"]:0.00}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RATIO scaling_efficiency_convnet={efficiencies["convnet"]:0.00}"));
        return 0;
    }

    /// <summary>A worker: trains under DataParallel and, on process 0, prints <c>BENCH-RESULT {json}</c>.</summary>
    /// <param name="mode">The mode, <c>distributed-worker:mlp</c> or <c>distributed-worker:convnet</c>.</param>
    /// <param name="options">The options.</param>
    /// <returns>The exit code.</returns>
    public static int Worker(string mode, BenchOptions options)
    {
        Keras.Distribution.Initialize();
        Keras.Distribution.SetDistribution(new DataParallel());
        var model = mode[WorkerMode.Length..];
        var (x, y, _) = BenchData.Load(options.Limit);
        var n = x.shape[0];
        var (network, input) = model == "convnet" ? (ConvnetBench.CreateModel(), x.reshape(n, 28, 28, 1)) : (MlpBench.CreateModel(), x);
        network.Fit(input, y, batchSize: options.BatchSize, epochs: 1, verbose: 0);
        var epochs = options.Epochs ?? 1;
        var allReduceBefore = AllReduceStatistics.Elapsed;
        var callsBefore = AllReduceStatistics.Calls;
        var clock = Stopwatch.StartNew();
        network.Fit(input, y, batchSize: options.BatchSize, epochs: epochs, verbose: 0);
        var seconds = clock.Elapsed.TotalSeconds;
        if (Keras.Distribution.ProcessId == 0)
        {
            var result = new WorkerResult(Keras.Distribution.NumProcesses, n * epochs / seconds, seconds,
                (AllReduceStatistics.Elapsed - allReduceBefore).TotalSeconds, AllReduceStatistics.Calls - callsBefore,
                epochs * ((n + options.BatchSize - 1) / options.BatchSize));
            Console.WriteLine("BENCH-RESULT " + JsonSerializer.Serialize(result));
        }

        return 0;
    }

    private static WorkerResult Launch(string model, int processes, int limit, BenchOptions options)
    {
        var info = new ProcessStartInfo("mpiexec") { RedirectStandardOutput = true, UseShellExecute = false };
        string[] args = ["-n", processes.ToString(CultureInfo.InvariantCulture), Environment.ProcessPath ?? "dotnet", typeof(DistributedBench).Assembly.Location,
            WorkerMode + model, "--limit", limit.ToString(CultureInfo.InvariantCulture), "--batch-size", options.BatchSize.ToString(CultureInfo.InvariantCulture),
            "--epochs", (options.Epochs ?? 1).ToString(CultureInfo.InvariantCulture)];
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment[Keras.Backend.ThreadsVariable] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("BENCH-RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"mpiexec -n {processes} ({model}) exited with {process.ExitCode} and printed no result:\n{output}");
        return JsonSerializer.Deserialize<WorkerResult>(line["BENCH-RESULT ".Length..])!;
    }
}
