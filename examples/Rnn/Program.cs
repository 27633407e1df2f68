// A stacked bidirectional LSTM classifies Fashion-MNIST, reading each 28×28 image as a sequence of 28 rows
// (time steps) of 28 pixels (features):
//   dotnet run -c Release --project examples/Rnn -- --epochs 12
// 1. Fashion-MNIST scaled to [0, 1], shape (n, 28, 28): no channel axis, rows are time steps;
// 2. Bidirectional(LSTM(64, returnSequences)) → Bidirectional(LSTM(64)) → Dense(10, softmax), Adam, batch 128;
// 3. the test accuracy, then a last line `RESULT test_accuracy=... train_seconds=...` for scripts.
using System.Diagnostics;
using System.Globalization;
using DeepKeras;
using DeepKeras.Callbacks;
using DeepKeras.Examples;
using DeepKeras.Plotting;
using NumSharp;
using static DeepKeras.Keras;

const string usage =
    "usage: dotnet run -c Release --project examples/Rnn -- [--epochs N] [--limit N (train and test samples)] [--batch-size N] [--units N] " +
    "[--device auto|cpu|cuda] [--out DIR] [--seed N]";
var defaults = new ExampleOptions(Epochs: 12, Limit: null, BatchSize: 128, Device: "auto", OutDir: null, Seed: 42);
var exitCode = ExampleOptions.TryParse(args, defaults, usage, ["--units"], extra => extra.Int("--units", 64, 1, 65536), out var parsed, out var units);
if (parsed is not { } options)
{
    return exitCode;
}

Utils.SetRandomSeed(options.Seed);
Console.WriteLine(Keras.Backend.Describe());
Console.WriteLine();

NDArray xTrain, yTrain, xTest, yTest;
try
{
    ((xTrain, yTrain), (xTest, yTest)) = Datasets.FashionMnist.LoadData();
}
catch (FileNotFoundException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

// --limit N (quick runs): the first N training samples and at most N test samples.
if (options.Limit is { } limit)
{
    (xTrain, yTrain) = limit < xTrain.shape[0] ? (xTrain[$":{limit}"], yTrain[$":{limit}"]) : (xTrain, yTrain);
    (xTest, yTest) = limit < xTest.shape[0] ? (xTest[$":{limit}"], yTest[$":{limit}"]) : (xTest, yTest);
}

// Pixels to [0, 1]; each image stays (28, 28): 28 time steps (rows) of 28 features (pixels of a row).
xTrain = xTrain.astype(np.float32) / 255f;
xTest = xTest.astype(np.float32) / 255f;
Console.WriteLine($"x_train shape: ({string.Join(", ", xTrain.shape)}), {xTrain.shape[0]} train samples, {xTest.shape[0]} test samples");
Console.WriteLine();

var model = Applications.Rnn.BidirectionalClassifier(RnnInput.Sequence(timesteps: 28, features: 28), units: [units, units],
    cell: "lstm", classes: 10, name: "bilstm_fashion_mnist");
model.Summary();
model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);

var clock = Stopwatch.StartNew();
// Adam's step shrinks by 10% per epoch (Keras LearningRateScheduler) so the last epochs settle near the minimum.
var schedule = new LearningRateScheduler(epoch => 1e-3 * Math.Pow(0.9, epoch));
var history = model.Fit(xTrain, yTrain, batchSize: options.BatchSize, epochs: options.Epochs, validationSplit: 0.1, verbose: 1,
    callbacks: [schedule]);
var trainSeconds = clock.Elapsed.TotalSeconds;

var (testLoss, testAccuracy) = model.Evaluate(xTest, yTest, batchSize: options.BatchSize, verbose: 0);
Console.WriteLine($"Test loss: {testLoss:0.0000}");
Console.WriteLine($"Test accuracy: {testAccuracy:0.0000}");

if (options.OutDir is { } outDir)
{
    Directory.CreateDirectory(outDir);
    var curves = Path.Combine(outDir, "training_curves.png");
    Plots.TrainingCurves(history, curves);
    File.WriteAllText(Path.Combine(outDir, "result.txt"), string.Create(CultureInfo.InvariantCulture,
        $"test_loss={testLoss:0.0000}\ntest_accuracy={testAccuracy:0.0000}\ntrain_seconds={trainSeconds:0.0}\n"));
    Console.WriteLine($"Wrote {curves}");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT test_accuracy={testAccuracy:0.0000} train_seconds={trainSeconds:0.0}"));
return 0;
