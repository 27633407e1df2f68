// DeepKeras benchmarks:
//   dotnet run -c Release --project bench/DeepKeras.Bench -- mlp      Fit vs a hand-written TorchSharp loop, same model
//   dotnet run -c Release --project bench/DeepKeras.Bench -- convnet  the same for the Keras mnist_convnet (NHWC Fit vs NCHW raw)
//   dotnet run -c Release --project bench/DeepKeras.Bench -- lstm     the same for LSTM(64) → Dense(10) on Fashion-MNIST rows
//   dotnet run -c Release --project bench/DeepKeras.Bench -- memory   process memory over 20 epochs of Fit
//   dotnet run -c Release --project bench/DeepKeras.Bench -- distributed   1 vs 2 MPI processes (1 thread each) on the same
//                   global work, MLP and convnet: samples/s, scaling efficiency, fraction of the step in the all-reduce
//   dotnet run -c Release --project bench/DeepKeras.Bench -- models   process memory over 100 models built, fitted and disposed
//                                                                      (models-nodispose: the same without Dispose, for contrast)
//   dotnet run -c Release --project bench/DeepKeras.Bench -- prefetch epoch seconds of Fit on a PyDataset whose GetItem sleeps
//                                                                      20 ms, with 1 vs 2 workers, and their ratio
// Options: --rounds N (mlp, convnet, lstm, distributed, prefetch: default 3), --limit N (training samples; lstm and distributed default
// 12,800), --epochs N (memory, default 20; distributed: timed epochs, default 1), --models N (models: default 100), --threads N.
// The last line is always `RATIO name=value`, for scripts.
using DeepKeras;
using DeepKeras.Bench;

var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "mlp";
BenchOptions options;
try
{
    options = BenchOptions.Parse(args.SkipWhile(a => a == mode).ToArray());
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"{e.Message}\n{BenchOptions.Usage}");
    return 2;
}

if (options.Threads is { } threads)
{
    Keras.Backend.SetThreads(threads);
}

if (DistributedBench.IsWorker(mode))
{
    return DistributedBench.Worker(mode, options);
}

Console.WriteLine(Keras.Backend.Describe());
switch (mode)
{
    case "mlp":
        MlpBench.Run(options);
        return 0;
    case "convnet":
        ConvnetBench.Run(options);
        return 0;
    case "lstm":
        LstmBench.Run(options);
        return 0;
    case "memory":
        MemoryBench.Run(options);
        return 0;
    case "distributed":
        return DistributedBench.Run(options);
    case "models":
        ModelsBench.Run(options, dispose: true);
        return 0;
    case "models-nodispose":
        ModelsBench.Run(options, dispose: false);
        return 0;
    case "prefetch":
        PrefetchBench.Run(options);
        return 0;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{mode}'. Expected: mlp, convnet, lstm, memory, models, models-nodispose, distributed, prefetch.\n{BenchOptions.Usage}");
        return 2;
}
