// A denoising autoencoder on Fashion-MNIST: it learns to map corrupted images to the clean ones.
//   dotnet run -c Release --project examples/DenoisingAutoencoder -- [--noise gaussian|dropout|gaussian_dropout] [--noise-level L] [--arch dense|conv]
// 1. builds the autoencoder with a corruption layer that is active only in training (Applications.Autoencoder.Denoising:
//    784-128-64-32-64-128-784, or Applications.Autoencoder.Convolutional with --arch conv), so Fit(x) trains on
//    (corrupted x, clean x);
// 2. corrupts the test images with the same noise and prints MSE(noisy, clean) and MSE(denoised, clean);
// 3. writes to --out (default out/denoising): denoising.png (original / noisy / denoised rows), curves.png,
//    history.csv, result.txt;
// 4. ends with `RESULT noisy_mse=... denoised_mse=... ratio=... train_seconds=...`.
// --limit N keeps the first N training and at most N test images (fast smoke runs).
using System.Diagnostics;
using System.Globalization;
using DeepKeras;
using DeepKeras.Examples;
using DeepKeras.Optimizers;
using DeepKeras.Plotting;

const string usage =
    "usage: dotnet run -c Release --project examples/DenoisingAutoencoder -- [--epochs N] [--limit N] [--batch-size N] [--device auto|cpu|cuda] " +
    "[--out DIR] [--seed N] [--noise gaussian|dropout|gaussian_dropout] [--noise-level L] [--arch dense|conv]";
var defaults = new ExampleOptions(Epochs: 10, Limit: null, BatchSize: 128, Device: "auto", OutDir: Path.Combine("out", "denoising"), Seed: 42);
var exitCode = ExampleOptions.TryParse(args, defaults, usage, ["--noise", "--noise-level", "--arch"], extra =>
{
    var kind = extra.Choice("--noise", "gaussian", "gaussian", "dropout", "gaussian_dropout");
    // A standard deviation for gaussian noise; a rate in [0, 1) for the dropout kinds.
    var level = extra.Number("--noise-level", kind == "gaussian" ? 0.4 : 0.5, 0, kind == "gaussian" ? 10 : 0.95);
    return (kind, level, extra.Choice("--arch", "dense", "dense", "conv"));
}, out var parsed, out var settings);
if (parsed is not { } options)
{
    return exitCode;
}

var (noise, noiseLevel, arch) = settings;

Keras.Utils.SetRandomSeed(options.Seed);
Console.WriteLine(Keras.Backend.Describe());
Console.WriteLine();
if (FashionMnistImages.Load(options.Limit, options.Limit) is not { } loaded)
{
    return 1;
}

// Images stay (N, 28, 28, 1): the dense networks flatten and reshape back themselves.
var xTrain = Tensors.Float(loaded.Train.X);
var xTest = Tensors.Float(loaded.Test.X);

var model = arch == "conv"
    ? Applications.Autoencoder.Convolutional((28, 28, 1), noise: noise, noiseLevel: noiseLevel, seed: options.Seed, name: "denoising_conv_autoencoder")
    : Applications.Autoencoder.Denoising((28, 28, 1), [128, 64, 32], noise, noiseLevel, seed: options.Seed, name: "denoising_autoencoder");
Console.WriteLine($"Corruption in training: {noise} (level {noiseLevel.ToString(CultureInfo.InvariantCulture)}); {model.Encoder.CountParams() + model.Decoder.CountParams():N0} parameters");
model.Encoder.Summary();
model.Decoder.Summary();
model.Compile(optimizer: new Adam(), loss: "binary_crossentropy");

// The noisy test set: the training corruption applied once to the clean test images.
var xTestNoisy = Tensors.Float(model.Corrupt(xTest));

var clock = Stopwatch.StartNew();
var history = model.Fit(xTrain, batchSize: options.BatchSize, epochs: options.Epochs, validationData: (xTestNoisy, xTest), verbose: 2);
var trainSeconds = clock.Elapsed.TotalSeconds;

var noisyMse = (xTestNoisy - xTest).square().mean().item<float>();
var denoisedMse = model.ReconstructionMse(xTestNoisy, xTest, batchSize: 1000);
var ratio = denoisedMse / noisyMse;
Console.WriteLine();
Console.WriteLine($"Test MSE(noisy, clean)    = {noisyMse:0.00000}");
Console.WriteLine($"Test MSE(denoised, clean) = {denoisedMse:0.00000}  ({ratio:P1} of the noisy input's error)");

if (options.OutDir is { } outDir)
{
    Directory.CreateDirectory(outDir);
    var count = (int)Math.Min(10, xTest.shape[0]);
    var denoised = Tensors.Float(model.Reconstruct(xTestNoisy[..count]));
    var figure = Path.Combine(outDir, "denoising.png");
    Plots.ImageRows([xTest[..count], xTestNoisy[..count], denoised], ["original", $"noisy ({noise} {noiseLevel.ToString(CultureInfo.InvariantCulture)})", "denoised"],
        figure, title: string.Create(CultureInfo.InvariantCulture, $"Denoising autoencoder: test MSE {noisyMse:0.0000} (noisy) → {denoisedMse:0.0000} (denoised)"));
    var curves = Path.Combine(outDir, "curves.png");
    Plots.TrainingCurves(history, curves);
    HistoryCsv.Write(history, Path.Combine(outDir, "history.csv"));
    File.WriteAllText(Path.Combine(outDir, "result.txt"), ResultText.Line(Result()) + "\n");
    Console.WriteLine($"Wrote {figure}, {curves}");
}

Console.WriteLine(ResultText.Line(Result()));
return 0;

IEnumerable<(string, object)> Result() =>
[
    ("noisy_mse", (double)noisyMse), ("denoised_mse", denoisedMse), ("ratio", ratio),
    ("train_seconds", trainSeconds.ToString("0.0", CultureInfo.InvariantCulture)), ("noise", noise), ("arch", arch),
];
