// Data-parallel training of the Keras mnist_convnet on Fashion-MNIST, over MPI:
//   dotnet build -c Release examples/Distributed
//   mpiexec -n 2 dotnet examples/Distributed/bin/Release/net10.0/Distributed.dll [--epochs N] [--batch-size N] ...
//   mpiexec -f hostfile -n 8 dotnet .../Distributed.dll       (several machines: the same files on each, see the README)
// Every process loads the data and builds the model; DataParallel splits every global batch of --batch-size samples
// across the processes, averages their gradients and reduces the metrics, so the History equals one process's. Process 0
// prints the progress and writes --out (history.csv, model.keras, result.txt). Started without mpiexec it is one process.
using DeepKeras;
using DeepKeras.Callbacks;
using DeepKeras.Distribution;
using DeepKeras.Examples;

if (Keras.Distribution.ProcessId != 0)
{
    // One copy of the output: the other processes stay silent (their errors still reach stderr).
    Console.SetOut(TextWriter.Null);
}

return Example.Run(args, new ExampleOptions(Epochs: 12, BatchSize: 128, OutDir: Path.Combine("out", "distributed")), run =>
{
    Keras.Distribution.SetDistribution(new DataParallel());
    Console.WriteLine($"Distribution: {Keras.Distribution.Describe()}\n");
    var ((xTrain, yTrain), (xTest, yTest)) = FashionMnistImages.Load(run.Limit, run.Limit);

    // The Keras mnist_convnet: Conv 32 → MaxPool → Conv 64 → MaxPool → Flatten → Dropout 0.5 → softmax. Every process
    // builds it; Fit starts all of them from process 0's weights.
    var model = Applications.Cnn.MnistConvnet(name: "mnist_convnet");
    model.Summary();
    model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);

    var processes = Keras.Distribution.NumProcesses;
    Console.WriteLine($"Global batch: {run.BatchSize} samples per step, {(run.BatchSize + processes - 1) / processes} per process.");
    var history = model.Fit(xTrain, yTrain, batchSize: run.BatchSize, epochs: run.Epochs, validationSplit: 0.1, callbacks: [run.Clock]);

    // Evaluate splits the test set across the processes too; every process gets the same result.
    var (testLoss, testAccuracy) = model.Evaluate(xTest, yTest, batchSize: run.BatchSize, verbose: 0);
    Console.WriteLine($"Test loss: {testLoss:0.0000}");
    Console.WriteLine($"Test accuracy: {testAccuracy:0.0000}");
    run.Save("model.keras", path => model.Save(path));

    var samplesPerSecond = history.Epoch.Count * Math.Floor(xTrain.shape[0] * 0.9) / run.Clock.Seconds;
    return new ExampleResult(history, ("test_loss", testLoss), ("test_accuracy", testAccuracy), ("processes", processes),
        ("samples_per_second", (long)Math.Round(samplesPerSecond)));
});
