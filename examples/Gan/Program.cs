// A generative adversarial network on Fashion-MNIST, judged by a classifier.
//   dotnet run -c Release --project examples/Gan -- [--arch dense|dcgan] [--latent-dim N] [--classifier-epochs N]
// 1. builds the GAN (Applications.Gan.Dense: generator z → 256 → 512 → 784 with LeakyReLU(0.2), discriminator
//    784 → 512 → 256 → 1 with LeakyReLU and Dropout; or the DCGAN with Conv2DTranspose, BatchNormalization and LeakyReLU
//    with --arch dcgan) and trains it with its adversarial TrainStep (two Adam(2e-4, beta1 0.5) optimizers, binary
//    cross-entropy), showing d_loss and g_loss;
// 2. a GanMonitor callback decodes the same 32 noise vectors after every epoch into --out/epochs/epoch_NNN.png;
// 3. trains a Fashion-MNIST CNN (Applications.Cnn.SmallImageClassifier: one 16- and one 32-filter convolution block) for
//    --classifier-epochs, or loads --out/classifier.keras when a previous run saved it, and classifies 1,000 generated
//    images: the fraction classified with confidence > 0.9 and the classes among them measure quality and diversity;
// 4. writes to --out (default out/gan): curves.png, generated.png (captions: predicted class and confidence),
//    epochs/, history.csv, result.txt;
// 5. ends with `RESULT confident_fraction=... confident_classes=... classifier_accuracy=... train_seconds=...`.
// --limit N keeps the first N training and at most N test images (fast smoke runs).
using System.Diagnostics;
using System.Globalization;
using DeepKeras;
using DeepKeras.Examples;
using DeepKeras.Losses;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Plotting;
using static TorchSharp.torch;

const string usage =
    "usage: dotnet run -c Release --project examples/Gan -- [--epochs N] [--limit N] [--batch-size N] [--device auto|cpu|cuda] " +
    "[--out DIR] [--seed N] [--arch dense|dcgan] [--latent-dim N] [--classifier-epochs N]";
var defaults = new ExampleOptions(Epochs: 20, Limit: null, BatchSize: 64, Device: "auto", OutDir: Path.Combine("out", "gan"), Seed: 42);
string arch;
int latentDim, classifierEpochs;
string? classifierOption;
int[]? gSizes, dSizes;
double bnMomentum, dropout;
try
{
    var extra = ExtraOptions.Extract(ref args, "--arch", "--latent-dim", "--classifier-epochs", "--classifier", "--g-sizes", "--d-sizes",
        "--bn-momentum", "--dropout");
    arch = extra.Choice("--arch", "dense", "dense", "dcgan", "mixed");
    latentDim = extra.Int("--latent-dim", 128, 1, 4096);
    classifierEpochs = extra.Int("--classifier-epochs", 3, 1, 1000);
    classifierOption = extra.Text("--classifier");
    gSizes = Sizes(extra.Text("--g-sizes"));
    dSizes = Sizes(extra.Text("--d-sizes"));
    bnMomentum = extra.Number("--bn-momentum", -1, -1, 1);
    dropout = extra.Number("--dropout", 0.2, 0, 0.9);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"{e.Message}\n{usage}");
    return 2;
}

var exitCode = ExampleOptions.TryParse(args, defaults, usage, out var parsed);
if (parsed is not { } options)
{
    return exitCode;
}

Keras.Utils.SetRandomSeed(options.Seed);
Console.WriteLine(Keras.Backend.Describe());
Console.WriteLine();
if (FashionMnistImages.Load(options.Limit, options.Limit) is not { } loaded)
{
    return 1;
}

var names = Keras.Datasets.FashionMnist.ClassNames;
var ((xTrain, yTrain), (xTest, yTest)) = loaded;

var gan = arch == "mixed"
    ? new Applications.Gan(Applications.Gan.DcganDiscriminator((28, 28, 1), dSizes ?? [32, 64], dropout),
        Applications.Gan.DenseGenerator(latentDim, (28, 28, 1), gSizes ?? [256, 512, 1024], bnMomentum < 0 ? null : bnMomentum), latentDim, options.Seed, "mixed_gan")
    : arch == "dcgan"
    ? Applications.Gan.Dcgan(latentDim, (28, 28, 1), generatorFilters: gSizes, discriminatorFilters: dSizes, dropout: dropout, seed: options.Seed, name: "dcgan")
    : Applications.Gan.Dense(latentDim, (28, 28, 1), hidden: gSizes, discriminatorHidden: dSizes, dropout: dropout,
        batchNormMomentum: bnMomentum < 0 ? null : bnMomentum, seed: options.Seed, name: "dense_gan");
gan.Generator.Summary();
gan.Discriminator.Summary();
gan.Compile(dOptimizer: new Adam(2e-4, beta1: 0.5), gOptimizer: new Adam(2e-4, beta1: 0.5), lossFn: new BinaryCrossentropy());

var outDir = options.OutDir;
var callbacks = outDir is null ? [] : new[] { new Applications.GanMonitor(Plots.EpochImageGrid(Path.Combine(outDir, "epochs")), numImages: 32, seed: options.Seed) };
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
    classifier.Fit(xTrain, yTrain, batchSize: 128, epochs: classifierEpochs, verbose: 2);
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
var probabilities = Tensors.Float(classifier.Predict(generated, batchSize: 500));
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

static int[]? Sizes(string? text) => text?.Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();

IEnumerable<(string, object)> Result() =>
[
    ("confident_fraction", (double)confidentFraction), ("confident_classes", confidentClasses), ("classifier_accuracy", classifierAccuracy),
    ("train_seconds", trainSeconds.ToString("0.0", CultureInfo.InvariantCulture)), ("arch", arch),
];
