// Data-parallel training of the Keras mnist_convnet on Fashion-MNIST, over MPI:
//   dotnet build -c Release examples/Distributed
//   mpiexec -n 2 dotnet examples/Distributed/bin/Release/net10.0/Distributed.dll [--epochs N] [--batch-size N] ...
//   mpiexec -f hostfile -n 8 dotnet .../Distributed.dll       (several machines: the same files on each, see the README)
// Every process loads the data and builds the model; DataParallel makes every global batch of --batch-size samples split
// across the processes, averages their gradients, and reduces the metrics, so the History equals one process's. Process 0
// prints the progress, writes --out (history.csv, model.keras, result.txt) and ends with
// `RESULT test_accuracy=... train_seconds=... processes=N samples_per_second=...`. Started without mpiexec it is one process.
using System.Diagnostics;
using System.Globalization;
using DeepKeras;
using DeepKeras.Callbacks;
using DeepKeras.Distribution;
using DeepKeras.Examples;

const string usage =
    "usage: mpiexec -n N dotnet examples/Distributed/bin/Release/net10.0/Distributed.dll [--epochs N] [--limit N] [--batch-size N] " +
    "[--device auto|cpu|cuda] [--out DIR] [--seed N]";
Keras.Distribution.Initialize();
var processId = Keras.Distribution.ProcessId;
if (processId != 0)
{
    // One copy of the output: the other processes stay silent (their errors still reach stderr).
    Console.SetOut(TextWriter.Null);
}

var defaults = new ExampleOptions(Epochs: 12, Limit: null, BatchSize: 128, Device: "auto", OutDir: Path.Combine("out", "distributed"), Seed: 42);
var exitCode = ExampleOptions.TryParse(args, defaults, usage, out var parsed);
if (parsed is not { } options)
{
    return exitCode;
}

Keras.Distribution.SetDistribution(new DataParallel());
Keras.Utils.SetRandomSeed(options.Seed);
Console.WriteLine($"{Keras.Backend.Describe()}\nDistribution: {Keras.Distribution.Describe()}\n");
if (FashionMnistImages.Load(options.Limit, options.Limit) is not { } data)
{
    return 1;
}

var ((xTrain, yTrain), (xTest, yTest)) = data;

// The Keras mnist_convnet: Conv 32 → MaxPool → Conv 64 → MaxPool → Flatten → Dropout 0.5 → softmax. Every process
// builds it; Fit starts all of them from process 0's weights.
var model = Applications.Cnn.MnistConvnet(name: "mnist_convnet");
Console.WriteLine();
model.Summary();
model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);

var callbacks = new List<Callback>();
if (options.OutDir is { } outDir)
{
    Directory.CreateDirectory(outDir);
    // CSVLogger runs on process 0 only (it is marked [RankZeroOnly]), like the progress bar.
    callbacks.Add(new CSVLogger(Path.Combine(outDir, "history.csv")));
}

Console.WriteLine($"Global batch: {options.BatchSize} samples per step, {(options.BatchSize + Keras.Distribution.NumProcesses - 1) / Keras.Distribution.NumProcesses} per process.");
var clock = Stopwatch.StartNew();
var history = model.Fit(xTrain, yTrain, batchSize: options.BatchSize, epochs: options.Epochs, validationSplit: 0.1, callbacks: callbacks);
var trainSeconds = clock.Elapsed.TotalSeconds;
var samplesPerSecond = history.Epoch.Count * Math.Floor(xTrain.shape[0] * 0.9) / trainSeconds;

// Evaluate splits the test set across the processes too; every process gets the same result.
var (testLoss, testAccuracy) = model.Evaluate(xTest, yTest, batchSize: options.BatchSize, verbose: 0);
Console.WriteLine($"Test loss: {testLoss:0.0000}");
Console.WriteLine($"Test accuracy: {testAccuracy:0.0000}");

if (options.OutDir is { } dir && processId == 0)
{
    model.Save(Path.Combine(dir, "model.keras"));
    File.WriteAllText(Path.Combine(dir, "result.txt"), string.Create(CultureInfo.InvariantCulture,
        $"processes={Keras.Distribution.NumProcesses}\ntest_loss={testLoss:0.0000}\ntest_accuracy={testAccuracy:0.0000}\ntrain_seconds={trainSeconds:0.0}\n"));
    Console.WriteLine($"Wrote {Path.Combine(dir, "history.csv")}, {Path.Combine(dir, "model.keras")}, {Path.Combine(dir, "result.txt")}");
}

Console.WriteLine(ResultText.Line([
    ("test_accuracy", testAccuracy), ("train_seconds", trainSeconds.ToString("0.0", CultureInfo.InvariantCulture)),
    ("processes", Keras.Distribution.NumProcesses), ("samples_per_second", (long)Math.Round(samplesPerSecond)),
]));
return 0;
