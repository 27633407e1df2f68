// A convolutional network on Fashion-MNIST, the Keras way (build → compile → fit → evaluate → plot):
//   dotnet run -c Release --project examples/Cnn
// 1. builds a small VGG-style CNN with batch normalization (Applications.Cnn.SmallImageClassifier) and prints its summary;
// 2. trains it with a progress bar (10% of the training images kept for validation) and evaluates it on the test set;
// 3. writes to --out (default out/cnn): curves.png (loss and accuracy per epoch), predictions.png (25 test images
//    with their true and predicted labels), feature_maps.png (the first convolution's 32 maps for one test image),
//    history.csv, result.txt and model.keras (the trained model; examples/Gan --classifier can load it as its judge);
// 4. ends with `RESULT test_accuracy=... train_seconds=...` for scripts.
// --limit N keeps the first N training and at most N test images (fast smoke runs).
using System.Diagnostics;
using System.Globalization;
using DeepKeras;
using DeepKeras.Callbacks;
using DeepKeras.Examples;
using DeepKeras.Layers;
using DeepKeras.Plotting;
using NumSharp;

const string usage =
    "usage: dotnet run -c Release --project examples/Cnn -- [--epochs N] [--limit N] [--batch-size N] [--device auto|cpu|cuda] [--out DIR] [--seed N]";
var defaults = new ExampleOptions(Epochs: 18, Limit: null, BatchSize: 128, Device: "auto", OutDir: Path.Combine("out", "cnn"), Seed: 42);
var exitCode = ExampleOptions.TryParse(args, defaults, usage, out var parsed);
if (parsed is not { } options)
{
    return exitCode;
}

Keras.Utils.SetRandomSeed(options.Seed);
Console.WriteLine(Keras.Backend.Describe());
Console.WriteLine();

var data = FashionMnistImages.Load(options.Limit, options.Limit);
if (data is not { } loaded)
{
    return 1;
}

var ((xTrain, yTrain), (xTest, yTest)) = loaded;

Console.WriteLine();

// Two blocks (32 and 64 filters) of Conv 3×3 "same" → BatchNorm → ReLU → MaxPool 2 → Dropout 0.1,
// then Dense 256 → Dropout 0.25 → softmax.
var model = Applications.Cnn.SmallImageClassifier((28, 28, 1), classes: 10, filters: [32, 64], convsPerBlock: 1,
    dropout: 0.1, denseUnits: 256, denseDropout: 0.25, name: "fashion_cnn");
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
    var names = Keras.Datasets.FashionMnist.ClassNames;

    // Learning curves: training vs validation loss and accuracy.
    var curves = Path.Combine(outDir, "curves.png");
    Plots.TrainingCurves(history, curves);

    // 25 test images with their true and predicted classes.
    var count = Math.Min(25, (int)xTest.shape[0]);
    var samples = xTest[$":{count}"];
    var probabilities = model.Predict(samples, batchSize: count, verbose: 0).ToArray<float>();
    var truth = yTest[$":{count}"].ToArray<byte>();
    var captions = Enumerable.Range(0, count).Select(i =>
    {
        var predicted = ArgMax(probabilities.AsSpan(i * 10, 10));
        return $"true: {names[truth[i]]}\npred: {names[predicted]}{(predicted == truth[i] ? "" : " ✗")}";
    }).ToList();
    var grid = Path.Combine(outDir, "predictions.png");
    Plots.ImageGrid(samples, grid, columns: 5, labels: captions, title: "Fashion-MNIST test images: true and predicted labels");

    // The first convolution's output for one test image: a sub-model from a new input through that (trained) layer.
    var firstConv = model.Layers.OfType<Conv2D>().First();
    var probe = Keras.Input((28, 28, 1));
    var extractor = Keras.Model(probe, firstConv.Apply(probe), name: "first_conv_maps");
    var maps = extractor.Predict(xTest[":1"], verbose: 0);
    var featureMaps = Path.Combine(outDir, "feature_maps.png");
    Plots.FeatureMaps(maps, featureMaps, columns: 8, title: $"{firstConv.Name} feature maps of a test image ({names[truth[0]]})");

    HistoryCsv.Write(history, Path.Combine(outDir, "history.csv"));
    File.WriteAllText(Path.Combine(outDir, "result.txt"), string.Create(CultureInfo.InvariantCulture,
        $"test_loss={testLoss:0.0000}\ntest_accuracy={testAccuracy:0.0000}\ntrain_seconds={trainSeconds:0.0}\n"));
    var saved = Path.Combine(outDir, "model.keras");
    model.Save(saved);
    Console.WriteLine($"Wrote {curves}, {grid}, {featureMaps}, {saved}");
}

Console.WriteLine(ExampleOptions.ResultLine(testAccuracy, trainSeconds));
return 0;

static int ArgMax(ReadOnlySpan<float> values)
{
    var best = 0;
    for (var i = 1; i < values.Length; i++)
    {
        if (values[i] > values[best])
        {
            best = i;
        }
    }

    return best;
}
