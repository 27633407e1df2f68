// The course's DNN on Fashion-MNIST, the Keras way:
//   dotnet run -c Release --project examples/Dnn -- --epochs 10
// 1. the course's first model (Dense 32 → 10 → 20) and its summary (25,670 parameters);
// 2. an MLP classifier (784 → 256 relu → 128 relu → 10 softmax, dropout 0.2) trained on Fashion-MNIST;
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
    "usage: dotnet run --project examples/Dnn -- [--epochs N] [--limit N] [--batch-size N] [--device auto|cpu|cuda] [--out DIR] [--seed N]";
var defaults = new ExampleOptions(Epochs: 10, Limit: null, BatchSize: 64, Device: "auto", OutDir: null, Seed: 42);
var exitCode = ExampleOptions.TryParse(args, defaults, usage, out var parsed);
if (parsed is not { } options)
{
    return exitCode;
}

try
{
    Utils.SetRandomSeed(options.Seed);
    Console.WriteLine(Keras.Backend.Describe());
}
catch (BackendLoadException e)
{
    // The native libraries could not load: the message names the missing library or symbol version and the fix.
    Console.Error.WriteLine(e.Message);
    return 3;
}

Console.WriteLine();

// The course's first DNN: later layers size themselves from the layer before.
var course = Applications.Dnn.CourseModel();
course.Summary();
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

if (options.Limit is { } limit && limit < xTrain.shape[0])
{
    xTrain = xTrain[$":{limit}"];
    yTrain = yTrain[$":{limit}"];
}

// Scale pixels to [0, 1] and flatten 28×28 images to 784 features.
xTrain = (xTrain.astype(np.float32) / 255f).reshape(-1, 784);
xTest = (xTest.astype(np.float32) / 255f).reshape(-1, 784);
Console.WriteLine($"x_train shape: ({string.Join(", ", xTrain.shape)}), {xTrain.shape[0]} train samples, {xTest.shape[0]} test samples");
Console.WriteLine();

var model = Applications.Dnn.Classifier(inputDim: 784, hidden: [256, 128], classes: 10, dropout: 0.2, name: "mlp");
model.Summary();
model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);

// Adam's step shrinks by 20% per epoch (Keras LearningRateScheduler), so the last epochs settle instead of
// bouncing around the minimum: test accuracy ends near its best rather than wherever the last step landed.
var callbacks = new List<Callback> { new LearningRateScheduler(epoch => 1e-3 * Math.Pow(0.8, epoch)) };
if (options.OutDir is { } dir)
{
    Directory.CreateDirectory(dir);
    callbacks.Add(new CSVLogger(Path.Combine(dir, "history.csv")));
}

var clock = Stopwatch.StartNew();
var history = model.Fit(xTrain, yTrain, batchSize: options.BatchSize, epochs: options.Epochs, verbose: 1, callbacks: callbacks);
var trainSeconds = clock.Elapsed.TotalSeconds;

var (testLoss, testAccuracy) = model.Evaluate(xTest, yTest, batchSize: options.BatchSize, verbose: 0);
Console.WriteLine($"Test loss: {testLoss:0.0000}");
Console.WriteLine($"Test accuracy: {testAccuracy:0.0000}");

if (options.OutDir is { } outDir)
{
    var curves = Path.Combine(outDir, "training_curves.png");
    Plots.TrainingCurves(history, curves);
    File.WriteAllText(Path.Combine(outDir, "result.txt"), string.Create(CultureInfo.InvariantCulture,
        $"test_loss={testLoss:0.0000}\ntest_accuracy={testAccuracy:0.0000}\ntrain_seconds={trainSeconds:0.0}\n"));
    Console.WriteLine($"Wrote {Path.Combine(outDir, "history.csv")} and {curves}");
}

Console.WriteLine(ExampleOptions.ResultLine(testAccuracy, trainSeconds));
return 0;
