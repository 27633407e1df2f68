// A generative adversarial network on Fashion-MNIST, judged by a classifier.
//   dotnet run -c Release --project examples/Gan -- [--arch dense|dcgan] [--latent-dim N] [--ema M] [--classifier PATH] [--classifier-epochs N]
// 1. builds the GAN (Applications.Gan.Dense, the classic Keras dense GAN: generator z → 256 → 512 → 1024 → 784 with
//    BatchNormalization(momentum 0.8) and LeakyReLU(0.2), discriminator 784 → 512 → 256 → 1 with LeakyReLU(0.2); or the
//    DCGAN with Conv2DTranspose, BatchNormalization and LeakyReLU with --arch dcgan) and trains it with its adversarial
//    TrainStep (two Adam(2e-4, beta1 0.5) optimizers, binary cross-entropy), showing d_loss and g_loss;
// 2. a GeneratorEma callback keeps an exponential moving average (momentum --ema, default 0.999; 0 for none) of the
//    generator's weights: the samples come from the averaged generator, which removes most of the pixel noise;
// 3. a GanMonitor callback decodes the same 32 noise vectors after every epoch into --out/epochs/epoch_NNN.png;
// 4. the judge: the examples/Cnn classifier (Applications.Cnn.SmallImageClassifier, 32- and 64-filter blocks, dense 256),
//    loaded from --classifier PATH (e.g. out/cnn/model.keras, saved by examples/Cnn) or --out/classifier.keras when a
//    previous run saved it, or else trained for --classifier-epochs (default 10, with the Cnn example's learning-rate
//    schedule) and saved there; it classifies 1,000
//    generated images: the fraction classified with confidence > 0.9 and the classes among them measure quality and
//    diversity;
// 5. writes to --out (default out/gan): curves.png, generated.png (captions: predicted class and confidence),
//    epochs/, history.csv, result.txt;
// 6. ends with `RESULT confident_fraction=... confident_classes=... classifier_accuracy=... train_seconds=...`.
// --limit N keeps the first N training and at most N test images (fast smoke runs).
using System.Diagnostics;
using System.Globalization;
using DeepKeras;
using DeepKeras.Callbacks;
using DeepKeras.Examples;
using DeepKeras.Losses;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Plotting;
using static TorchSharp.torch;

const string usage =
    "usage: dotnet run -c Release --project examples/Gan -- [--epochs N] [--limit N] [--batch-size N] [--device auto|cpu|cuda] " +
    "[--out DIR] [--seed N] [--arch dense|dcgan] [--latent-dim N] [--ema M] [--classifier PATH] [--classifier-epochs N]";
var defaults = new ExampleOptions(Epochs: 25, Limit: null, BatchSize: 64, Device: "auto", OutDir: Path.Combine("out", "gan"), Seed: 42);
var exitCode = ExampleOptions.TryParse(args, defaults, usage, ["--arch", "--latent-dim", "--ema", "--classifier", "--classifier-epochs"],
    extra => (extra.Choice("--arch", "dense", "dense", "dcgan"), extra.Int("--latent-dim", 128, 1, 4096), extra.Number("--ema", 0.999, 0, 0.99999),
        extra.Text("--classifier"), extra.Int("--classifier-epochs", 10, 1, 1000)),
    out var parsed, out var settings);
if (parsed is not { } options)
{
    return exitCode;
}

var (arch, latentDim, ema, classifierOption, classifierEpochs) = settings;

Keras.Utils.SetRandomSeed(options.Seed);
Console.WriteLine(Keras.Backend.Describe());
Console.WriteLine();
if (FashionMnistImages.Load(options.Limit, options.Limit) is not { } loaded)
{
    return 1;
}

var names = Keras.Datasets.FashionMnist.ClassNames;
var ((xTrain, yTrain), (xTest, yTest)) = loaded;

// The dense GAN is the classic Keras recipe: generator z → 256 → 512 → 1024 → 784 with BatchNormalization
// (momentum 0.8) and LeakyReLU(0.2), discriminator 784 → 512 → 256 → 1 with LeakyReLU(0.2) and no dropout.
var gan = arch == "dcgan"
    ? Applications.Gan.Dcgan(latentDim, (28, 28, 1), seed: options.Seed, name: "dcgan")
    : Applications.Gan.Dense(latentDim, (28, 28, 1), hidden: [256, 512, 1024], discriminatorHidden: [512, 256], dropout: 0,
        batchNormMomentum: 0.8, seed: options.Seed, name: "dense_gan");
gan.Generator.Summary();
gan.Discriminator.Summary();
gan.Compile(dOptimizer: new Adam(2e-4, beta1: 0.5), gOptimizer: new Adam(2e-4, beta1: 0.5), lossFn: new BinaryCrossentropy());

var outDir = options.OutDir;
// The averaged generator (listed first) is what the monitor, Generate and the judge see; 0 turns averaging off.
var callbacks = new List<Callback>();
if (ema > 0)
{
    callbacks.Add(new Applications.GeneratorEma(ema));
}

if (outDir is not null)
{
    callbacks.Add(new Applications.GanMonitor(Plots.EpochImageGrid(Path.Combine(outDir, "epochs")), numImages: 32, seed: options.Seed));
}

var clock = Stopwatch.StartNew();
var history = gan.Fit(xTrain, batchSize: options.BatchSize, epochs: options.Epochs, callbacks: callbacks, verbose: 2);
var trainSeconds = clock.Elapsed.TotalSeconds;

// The judge: a CNN classifier, loaded from a previous run or trained now.
var classifierPath = classifierOption ?? (outDir is null ? null : Path.Combine(outDir, "classifier.keras"));
Model classifier;
if (classifierPath is not null && File.Exists(classifierPath))
{
    Console.WriteLine($"\nLoading the classifier from {classifierPath}");
    classifier = Keras.Models.LoadModel(classifierPath);
}
else
{
    Console.WriteLine($"\nTraining the Fashion-MNIST classifier ({classifierEpochs} epochs)");
    classifier = Applications.Cnn.SmallImageClassifier((28, 28, 1), classes: 10, filters: [32, 64], convsPerBlock: 1,
        dropout: 0.1, denseUnits: 256, denseDropout: 0.25, name: "judge_cnn");
    classifier.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
    // The examples/Cnn recipe: Adam's step shrinks by 10% per epoch.
    classifier.Fit(xTrain, yTrain, batchSize: 128, epochs: classifierEpochs, verbose: 2,
        callbacks: [new LearningRateScheduler(epoch => 1e-3 * Math.Pow(0.9, epoch))]);
    if (classifierPath is not null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(classifierPath))!);
        classifier.Save(classifierPath);
    }
}

var (_, classifierAccuracy) = classifier.Evaluate(xTest, yTest, batchSize: 1000, verbose: 0);
Console.WriteLine($"Classifier test accuracy: {classifierAccuracy:P2}");

// 1,000 generated images through the classifier.
const int samples = 1000;
var generated = Tensors.Float(gan.Generate(samples));
var probabilities = Tensors.Float(classifier.Predict(generated, batchSize: 500, verbose: 0));
var (confidence, predicted) = probabilities.max(1);
var confident = confidence.gt(0.9);
var confidentFraction = confident.to(ScalarType.Float32).mean().item<float>();
var counts = Enumerable.Range(0, 10).Select(c => predicted.index(confident).eq(c).sum().item<long>()).ToArray();
var confidentClasses = counts.Count(c => c > 0);
Console.WriteLine($"Generated images classified with confidence > 0.9: {confidentFraction:P1} of {samples}; classes among them ({confidentClasses} of 10):");
Console.WriteLine("  " + string.Join(", ", counts.Select((c, i) => $"{names[i]} {c}")));

if (outDir is not null)
{
    Directory.CreateDirectory(outDir);
    var curves = Path.Combine(outDir, "curves.png");
    Plots.TrainingCurves(history, curves, "d_loss", "g_loss");
    var shown = 40;
    var captions = Enumerable.Range(0, shown).Select(i =>
        string.Create(CultureInfo.InvariantCulture, $"{names[(int)predicted[i].item<long>()]} {confidence[i].item<float>():0.00}")).ToList();
    var grid = Path.Combine(outDir, "generated.png");
    Plots.ImageGrid(generated[..shown], grid, columns: 8, labels: captions,
        title: $"Generated images with the classifier's label and confidence ({confidentFraction:P0} of 1,000 above 0.9)");
    HistoryCsv.Write(history, Path.Combine(outDir, "history.csv"));
    File.WriteAllText(Path.Combine(outDir, "result.txt"), ResultText.Line(Result()) + "\n");
    Console.WriteLine($"Wrote {curves}, {grid}, {Path.Combine(outDir, "epochs")}/epoch_*.png");
}

Console.WriteLine(ResultText.Line(Result()));
return 0;

IEnumerable<(string, object)> Result() =>
[
    ("confident_fraction", (double)confidentFraction), ("confident_classes", confidentClasses), ("classifier_accuracy", classifierAccuracy),
    ("train_seconds", trainSeconds.ToString("0.0", CultureInfo.InvariantCulture)), ("arch", arch), ("ema", ema),
];
