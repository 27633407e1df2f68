// A variational autoencoder on Fashion-MNIST (keras-io examples/generative/vae.py), latent dimension 2 by default.
//   dotnet run -c Release --project examples/Vae -- [--latent-dim N] [--arch dense|conv]
// 1. builds the VAE (Applications.Vae.Dense: 784-512-(2+2) encoder with the Sampling layer, 2-512-784 sigmoid decoder;
//    or the convolutional networks of Keras's example with --arch conv) and trains it with its own TrainStep:
//    loss = per-image summed binary cross-entropy + KL divergence, shown as loss, reconstruction_loss, kl_loss;
// 2. encodes the training and test images to their latent means and classifies each test image by the majority label
//    of its 5 nearest training means (k-NN with torch.cdist + topk): how well the unsupervised code separates classes;
// 3. writes to --out (default out/vae): curves.png (the three losses per epoch), latent_scatter.png (test means coloured
//    by class), latent_traversal.png (the decoder over a 15×15 lattice in [-2, 2]², latent dim 2 only), generated.png
//    (decoded z ~ N(0, I)), reconstructions.png, epochs/epoch_NNN.png (fixed z each epoch), history.csv, result.txt;
// 4. ends with `RESULT knn5_accuracy=... first_loss=... last_loss=... train_seconds=...`.
// --limit N keeps the first N training and at most N test images (fast smoke runs).
using System.Diagnostics;
using System.Globalization;
using DeepKeras;
using DeepKeras.Examples;
using DeepKeras.Optimizers;
using DeepKeras.Plotting;
using TorchSharp;
using static TorchSharp.torch;

const string usage =
    "usage: dotnet run -c Release --project examples/Vae -- [--epochs N] [--limit N] [--batch-size N] [--device auto|cpu|cuda] " +
    "[--out DIR] [--seed N] [--latent-dim N] [--arch dense|conv]";
var defaults = new ExampleOptions(Epochs: 15, Limit: null, BatchSize: 128, Device: "auto", OutDir: Path.Combine("out", "vae"), Seed: 42);
var exitCode = ExampleOptions.TryParse(args, defaults, usage, ["--latent-dim", "--arch"],
    extra => (extra.Int("--latent-dim", 2, 1, 1024), extra.Choice("--arch", "dense", "dense", "conv")), out var parsed, out var settings);
if (parsed is not { } options)
{
    return exitCode;
}

var (latentDim, arch) = settings;

Keras.Utils.SetRandomSeed(options.Seed);
Console.WriteLine(Keras.Backend.Describe());
Console.WriteLine();
if (FashionMnistImages.Load(options.Limit, options.Limit) is not { } loaded)
{
    return 1;
}

var names = Keras.Datasets.FashionMnist.ClassNames;
var xTrain = Tensors.Float(loaded.Train.X);
var xTest = Tensors.Float(loaded.Test.X);
var yTrain = Tensors.Labels(loaded.Train.Y);
var yTest = Tensors.Labels(loaded.Test.Y);

var vae = arch == "conv"
    ? Applications.Vae.Convolutional((28, 28, 1), latentDim, seed: options.Seed, name: "conv_vae")
    : Applications.Vae.Dense((28, 28, 1), latentDim, [512], seed: options.Seed, name: "dense_vae");
vae.Encoder.Summary();
vae.Decoder.Summary();
vae.Compile(optimizer: new Adam());

// Per-epoch samples from the same 16 latent points, written by the generator callback.
var epochDir = options.OutDir is { } d ? Path.Combine(d, "epochs") : null;
var callbacks = epochDir is null ? [] : new[] { new Applications.GanMonitor(Plots.EpochImageGrid(epochDir, title: "VAE samples (fixed z)"), numImages: 16, seed: options.Seed) };

var clock = Stopwatch.StartNew();
var history = vae.Fit(xTrain, batchSize: options.BatchSize, epochs: options.Epochs, callbacks: callbacks, verbose: 2);
var trainSeconds = clock.Elapsed.TotalSeconds;
var losses = history.HistoryData["loss"];
Console.WriteLine($"\nloss per epoch: {string.Join(" → ", losses.Select(l => l.ToString("0.0", CultureInfo.InvariantCulture)))}");
var (testLoss, _) = vae.Evaluate(xTest, batchSize: 1000, verbose: 0);
Console.WriteLine($"test loss: {testLoss:0.00}");

// k-NN (k = 5) on latent means: training means are the reference set.
var trainMeans = Tensors.Float(vae.Encode(xTrain, batchSize: 1000).ZMean);
var testMeans = Tensors.Float(vae.Encode(xTest, batchSize: 1000).ZMean);
var knnAccuracy = KnnAccuracy(trainMeans, yTrain, testMeans, yTest, k: 5);
Console.WriteLine($"k-NN (k=5) accuracy of the test latent means: {knnAccuracy:P2}");

if (options.OutDir is { } outDir)
{
    Directory.CreateDirectory(outDir);
    var curves = Path.Combine(outDir, "curves.png");
    Plots.TrainingCurves(history, curves, "loss", "reconstruction_loss", "kl_loss");
    var written = new List<string> { curves };
    if (latentDim == 2)
    {
        var scatter = Path.Combine(outDir, "latent_scatter.png");
        Plots.Scatter2D(testMeans, yTest, scatter, title: $"Test images in the latent space (z_mean), k-NN(5) accuracy {knnAccuracy:P1}", classNames: names);
        var traversal = Path.Combine(outDir, "latent_traversal.png");
        Plots.LatentTraversal(z => vae.Decode(z, batchSize: 256), traversal, n: 15, scale: 2, title: "Decoder over a 15×15 lattice of z in [-2, 2]²");
        written.AddRange([scatter, traversal]);
    }

    Keras.Utils.SetRandomSeed(options.Seed + 1);
    var generated = Path.Combine(outDir, "generated.png");
    Plots.ImageGrid(vae.Generate(32), generated, columns: 8, title: "New images: the decoder on z ~ N(0, I)");
    var count = (int)Math.Min(10, xTest.shape[0]);
    var reconstructions = Path.Combine(outDir, "reconstructions.png");
    var means = testMeans[..count];
    Plots.ImageRows([xTest[..count], Tensors.Float(vae.Decode(means))], ["original", "decoded z_mean"], reconstructions,
        title: $"Test images and their reconstructions through a {latentDim}-number code");
    written.AddRange([generated, reconstructions]);
    HistoryCsv.Write(history, Path.Combine(outDir, "history.csv"));
    File.WriteAllText(Path.Combine(outDir, "result.txt"), ResultText.Line(Result()) + "\n");
    Console.WriteLine($"Wrote {string.Join(", ", written)}, {epochDir}/epoch_*.png");
}

Console.WriteLine(ResultText.Line(Result()));
return 0;

IEnumerable<(string, object)> Result() =>
[
    ("knn5_accuracy", knnAccuracy), ("first_loss", losses[0]), ("last_loss", losses[^1]), ("test_loss", testLoss),
    ("train_seconds", trainSeconds.ToString("0.0", CultureInfo.InvariantCulture)), ("latent_dim", latentDim), ("arch", arch),
];

// Majority vote of the k nearest reference points (Euclidean), in chunks of test points to bound memory; ties go to
// the smaller class index.
static double KnnAccuracy(Tensor reference, Tensor referenceLabels, Tensor queries, Tensor queryLabels, int k)
{
    using var scope = NewDisposeScope();
    var classes = (int)referenceLabels.max().item<long>() + 1;
    var correct = 0L;
    for (var start = 0; start < queries.shape[0]; start += 1000)
    {
        var end = (int)Math.Min(start + 1000, queries.shape[0]);
        var chunk = queries[start..end];
        var distances = cdist(chunk, reference);
        var nearest = distances.topk(Math.Min(k, (int)reference.shape[0]), dim: 1, largest: false).indexes;
        var votes = nn.functional.one_hot(referenceLabels[nearest], classes).sum(1);
        var predicted = votes.argmax(1);
        correct += predicted.eq(queryLabels[start..end]).sum().item<long>();
    }

    return (double)correct / queries.shape[0];
}
