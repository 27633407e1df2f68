// Autoencoders on Fashion-MNIST: dimensionality reduction compared with PCA, then anomaly detection.
//   dotnet run -c Release --project examples/Autoencoder
// 1. trains the undercomplete autoencoder 784 → 32 → 784 and the stacked one 784-128-64-32-64-128-784 (Adam,
//    binary cross-entropy, pixels in [0, 1]) and fits PCA with 32 components (libtorch SVD): the same code size;
// 2. prints each one's test reconstruction MSE (a nonlinear code should beat the best linear one, PCA);
// 3. anomaly detection: a stacked autoencoder trained only on the "normal" classes (all but --anomaly-class) scores
//    images by reconstruction error; the threshold is the --percentile of the scores of held-out normal training
//    images; precision and recall are measured on the test set, the held-out class being the anomalies (PCA beside it);
// 4. writes to --out (default out/autoencoder): reconstructions.png (originals and the three reconstructions),
//    anomalies.png, curves.png (stacked autoencoder loss), history.csv, result.txt;
// 5. ends with `RESULT ae32_mse=... stacked_mse=... pca32_mse=... anomaly_precision=... anomaly_recall=... train_seconds=...`.
// --limit N keeps the first N training and at most N test images (fast smoke runs).
using System.Diagnostics;
using DeepKeras;
using DeepKeras.Callbacks;
using DeepKeras.Examples;
using DeepKeras.Optimizers;
using DeepKeras.Plotting;
using static TorchSharp.torch;

const string usage =
    "usage: dotnet run -c Release --project examples/Autoencoder -- [--epochs N] [--limit N] [--batch-size N] [--device auto|cpu|cuda] " +
    "[--out DIR] [--seed N] [--anomaly-class 0-9] [--percentile P]";
var defaults = new ExampleOptions(Epochs: 20, Limit: null, BatchSize: 256, Device: "auto", OutDir: Path.Combine("out", "autoencoder"), Seed: 42);
var exitCode = ExampleOptions.TryParse(args, defaults, usage, ["--anomaly-class", "--percentile"],
    extra => (extra.Int("--anomaly-class", 5, 0, 9), extra.Number("--percentile", 95, 0, 100)), out var parsed, out var settings);
if (parsed is not { } options)
{
    return exitCode;
}

var (anomalyClass, percentile) = settings;

Keras.Utils.SetRandomSeed(options.Seed);
Console.WriteLine(Keras.Backend.Describe());
Console.WriteLine();
if (FashionMnistImages.Load(options.Limit, options.Limit) is not { } loaded)
{
    return 1;
}

var names = Keras.Datasets.FashionMnist.ClassNames;
var xTrain = Tensors.Float(loaded.Train.X).reshape(-1, 784);
var xTest = Tensors.Float(loaded.Test.X).reshape(-1, 784);
var yTrain = Tensors.Labels(loaded.Train.Y);
var yTest = Tensors.Labels(loaded.Test.Y);

var clock = Stopwatch.StartNew();
History Train(Applications.Autoencoder model, Tensor x, Tensor validation)
{
    model.Compile(optimizer: new Adam(), loss: "binary_crossentropy");
    Console.WriteLine($"\n== {model.Name}: {model.Encoder.CountParams() + model.Decoder.CountParams():N0} parameters");
    return model.Fit(x, batchSize: options.BatchSize, epochs: options.Epochs, validationData: (validation, validation), verbose: 2);
}

// 1-2. Three codes of size 32: undercomplete, stacked, PCA.
var undercomplete = Applications.Autoencoder.Undercomplete(784, codeSize: 32, name: "undercomplete_32");
Train(undercomplete, xTrain, xTest);
var stacked = Applications.Autoencoder.Stacked(784, [128, 64, 32], name: "stacked_128_64_32");
var stackedHistory = Train(stacked, xTrain, xTest);
var pca = new Applications.Pca(32).Fit(xTrain);

var aeMse = undercomplete.ReconstructionMse(xTest, batchSize: 1000);
var stackedMse = stacked.ReconstructionMse(xTest, batchSize: 1000);
var pcaMse = pca.ReconstructionMse(xTest);
Console.WriteLine();
Console.WriteLine($"Test reconstruction MSE (code size 32): undercomplete AE {aeMse:0.00000}, stacked AE {stackedMse:0.00000}, " +
    $"PCA {pcaMse:0.00000} ({pca.ExplainedVarianceRatio.Sum():P1} of the variance kept)");

// 3. Anomaly detection: normal = every class but one.
var normalTrain = xTrain.index(yTrain.ne(anomalyClass));
var holdout = Math.Max(1, (int)(normalTrain.shape[0] / 10));
var fitPart = normalTrain[..(int)(normalTrain.shape[0] - holdout)];
var thresholdPart = normalTrain[(int)(normalTrain.shape[0] - holdout)..];
var normalTest = xTest.index(yTest.ne(anomalyClass));
var anomalyTest = xTest.index(yTest.eq(anomalyClass));
Console.WriteLine($"\nAnomaly detection: normal = the 9 classes other than {names[anomalyClass]}; " +
    $"{fitPart.shape[0]} normal images to train, {holdout} to set the threshold; test: {normalTest.shape[0]} normal, {anomalyTest.shape[0]} anomalies");
var detectorModel = Applications.Autoencoder.Stacked(784, [128, 64, 32], name: "normal_only_stacked");
Train(detectorModel, fitPart, normalTest);
var trainSeconds = clock.Elapsed.TotalSeconds;

var detector = new Applications.AnomalyDetector(detectorModel);
detector.FitThreshold(thresholdPart, percentile);
var report = anomalyTest.shape[0] > 0 ? detector.Evaluate(normalTest, anomalyTest) : null;
var pcaDetector = new Applications.AnomalyDetector(new Applications.Pca(32).Fit(fitPart));
pcaDetector.FitThreshold(thresholdPart, percentile);
var pcaReport = anomalyTest.shape[0] > 0 ? pcaDetector.Evaluate(normalTest, anomalyTest) : null;
Console.WriteLine($"Threshold = {percentile}th percentile of held-out normal scores (MSE per image).");
Console.WriteLine($"  autoencoder: {report?.ToString() ?? "no anomalies in the test subset"}");
Console.WriteLine($"  PCA-32:      {pcaReport?.ToString() ?? "no anomalies in the test subset"}");

if (options.OutDir is { } outDir)
{
    Directory.CreateDirectory(outDir);

    // One test image per class (the first of each), with the three reconstructions.
    var picks = Enumerable.Range(0, 10).Select(c => yTest.eq(c).nonzero()).Where(i => i.shape[0] > 0).Select(i => i[0, 0].item<long>()).ToArray();
    var originals = xTest.index(tensor(picks));
    Tensor Images(Tensor flat) => flat.reshape(-1, 28, 28, 1);
    var rows = new[]
    {
        Images(originals),
        Images(Tensors.Float(undercomplete.Reconstruct(originals))),
        Images(Tensors.Float(stacked.Reconstruct(originals))),
        Images(Tensors.Float(pca.Reconstruct(originals))),
    };
    var reconstructions = Path.Combine(outDir, "reconstructions.png");
    Plots.ImageRows(rows, ["original", $"AE-32 {aeMse:0.0000}", $"stacked {stackedMse:0.0000}", $"PCA-32 {pcaMse:0.0000}"], reconstructions,
        title: "Fashion-MNIST test images and their reconstructions from 32 numbers (test MSE)");

    // Normal test images and anomalies with the detector's reconstructions and scores.
    var count = (int)Math.Min(10, Math.Min(normalTest.shape[0], anomalyTest.shape[0]));
    var anomalies = Path.Combine(outDir, "anomalies.png");
    if (count > 0)
    {
        var normalPick = normalTest[..count];
        var anomalyPick = anomalyTest[..count];
        Plots.ImageRows(
            [Images(normalPick), Images(Tensors.Float(detectorModel.Reconstruct(normalPick))),
             Images(anomalyPick), Images(Tensors.Float(detectorModel.Reconstruct(anomalyPick)))],
            ["normal", "reconstructed", $"anomaly ({names[anomalyClass]})", "reconstructed"], anomalies,
            title: $"Trained without {names[anomalyClass]}s: anomalies reconstruct badly (threshold {detector.Threshold:0.0000})");
    }

    var curves = Path.Combine(outDir, "curves.png");
    Plots.TrainingCurves(stackedHistory, curves);
    HistoryCsv.Write(stackedHistory, Path.Combine(outDir, "history.csv"));
    File.WriteAllText(Path.Combine(outDir, "result.txt"), ResultText.Line(Result()) + "\n");
    Console.WriteLine($"Wrote {reconstructions}, {anomalies}, {curves}");
}

Console.WriteLine(ResultText.Line(Result()));
return 0;

IEnumerable<(string, object)> Result() =>
[
    ("ae32_mse", aeMse), ("stacked_mse", stackedMse), ("pca32_mse", pcaMse),
    ("anomaly_precision", report?.Precision ?? double.NaN), ("anomaly_recall", report?.Recall ?? double.NaN),
    ("pca_anomaly_precision", pcaReport?.Precision ?? double.NaN), ("pca_anomaly_recall", pcaReport?.Recall ?? double.NaN),
    ("train_seconds", trainSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)),
];
