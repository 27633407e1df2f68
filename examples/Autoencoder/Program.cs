// Autoencoders on Fashion-MNIST: dimensionality reduction compared with PCA, then anomaly detection.
//   dotnet run -c Release --project examples/Autoencoder -- [--epochs 20] [--limit N] [--anomaly-class 5] [--percentile 95]
// 1. the undercomplete autoencoder 784 → 32 → 784, the stacked one 784-128-64-32-64-128-784 (Adam, binary
//    cross-entropy) and PCA with 32 components (libtorch SVD): the same code size, compared by test reconstruction MSE;
// 2. anomaly detection: a stacked autoencoder trained only on the "normal" classes (all but --anomaly-class) scores
//    images by reconstruction error; the threshold is the --percentile of the scores of held-out normal training images;
//    precision and recall are measured on the test set, the left-out class being the anomalies (PCA beside it).
// Writes reconstructions.png, anomalies.png and curves.png (stacked autoencoder loss). --limit N keeps the first N
// training and at most N test images.
using DeepKeras;
using DeepKeras.Callbacks;
using DeepKeras.Examples;
using DeepKeras.Optimizers;
using DeepKeras.Plotting;
using static TorchSharp.torch;

return Example.Run(args, new ExampleOptions(Epochs: 20, BatchSize: 256, OutDir: Path.Combine("out", "autoencoder")),
    extra => (AnomalyClass: extra.Int("--anomaly-class", 5, 0, 9), Percentile: extra.Number("--percentile", 95, 0, 100)),
    (run, o) =>
{
    // Prepare the data: images flattened to 784 values in [0, 1].
    var ((xTrainImages, yTrainLabels), (xTestImages, yTestLabels)) = FashionMnistImages.Load(run.Limit, run.Limit, imageShape: [784]);
    var (xTrain, yTrain, xTest, yTest) = (Tensors.Float(xTrainImages), Tensors.Labels(yTrainLabels), Tensors.Float(xTestImages), Tensors.Labels(yTestLabels));
    var names = Keras.Datasets.FashionMnist.ClassNames;

    // Compile and train an autoencoder to reconstruct its input: Fit(x) needs no targets.
    History Train(Applications.Autoencoder model, Tensor x, Tensor validation)
    {
        model.Compile(optimizer: new Adam(), loss: "binary_crossentropy");
        Console.WriteLine($"\n== {model.Name}: {model.Encoder.CountParams() + model.Decoder.CountParams():N0} parameters");
        return model.Fit(x, batchSize: run.BatchSize, epochs: run.Epochs, validationData: (validation, validation), verbose: 2, callbacks: [run.Clock]);
    }

    // 1. Three codes of size 32: undercomplete, stacked, PCA.
    var undercomplete = Applications.Autoencoder.Undercomplete(784, codeSize: 32, name: "undercomplete_32");
    Train(undercomplete, xTrain, xTest);
    var stacked = Applications.Autoencoder.Stacked(784, [128, 64, 32], name: "stacked_128_64_32");
    var history = Train(stacked, xTrain, xTest);
    var pca = new Applications.Pca(32).Fit(xTrain);

    var aeMse = undercomplete.ReconstructionMse(xTest, batchSize: 1000);
    var stackedMse = stacked.ReconstructionMse(xTest, batchSize: 1000);
    var pcaMse = pca.ReconstructionMse(xTest);
    Console.WriteLine($"\nTest reconstruction MSE (code size 32): undercomplete AE {aeMse:0.00000}, stacked AE {stackedMse:0.00000}, " +
        $"PCA {pcaMse:0.00000} ({pca.ExplainedVarianceRatio.Sum():P1} of the variance kept)");

    // 2. Anomaly detection: normal = every class but one; the last tenth of the normal training images sets the threshold.
    var normalTrain = xTrain.index(yTrain.ne(o.AnomalyClass));
    var holdout = Math.Max(1, (int)(normalTrain.shape[0] / 10));
    var fitPart = normalTrain[..(int)(normalTrain.shape[0] - holdout)];
    var thresholdPart = normalTrain[(int)(normalTrain.shape[0] - holdout)..];
    var normalTest = xTest.index(yTest.ne(o.AnomalyClass));
    var anomalyTest = xTest.index(yTest.eq(o.AnomalyClass));
    Console.WriteLine($"\nAnomaly detection: normal = the 9 classes other than {names[o.AnomalyClass]}; {fitPart.shape[0]} normal images to train, " +
        $"{holdout} to set the threshold; test: {normalTest.shape[0]} normal, {anomalyTest.shape[0]} anomalies");
    var detectorModel = Applications.Autoencoder.Stacked(784, [128, 64, 32], name: "normal_only_stacked");
    Train(detectorModel, fitPart, normalTest);

    var detector = new Applications.AnomalyDetector(detectorModel);
    detector.FitThreshold(thresholdPart, o.Percentile);
    var pcaDetector = new Applications.AnomalyDetector(new Applications.Pca(32).Fit(fitPart));
    pcaDetector.FitThreshold(thresholdPart, o.Percentile);
    var (report, pcaReport) = anomalyTest.shape[0] > 0
        ? (detector.Evaluate(normalTest, anomalyTest), pcaDetector.Evaluate(normalTest, anomalyTest))
        : (null, null);
    Console.WriteLine($"Threshold = {o.Percentile}th percentile of held-out normal scores (MSE per image).");
    Console.WriteLine($"  autoencoder: {report?.ToString() ?? "no anomalies in the test subset"}");
    Console.WriteLine($"  PCA-32:      {pcaReport?.ToString() ?? "no anomalies in the test subset"}");

    // Plots: one test image per class with the three reconstructions; normal images and anomalies with the detector's.
    static Tensor Images(Tensor flat) => flat.reshape(-1, 28, 28, 1);
    var picks = Enumerable.Range(0, 10).Select(c => yTest.eq(c).nonzero()).Where(i => i.shape[0] > 0).Select(i => i[0, 0].item<long>()).ToArray();
    var originals = xTest.index(tensor(picks));
    run.Save("reconstructions.png", path => Plots.ImageRows(
        [Images(originals), Images(Tensors.Float(undercomplete.Reconstruct(originals))), Images(Tensors.Float(stacked.Reconstruct(originals))),
         Images(Tensors.Float(pca.Reconstruct(originals)))],
        ["original", $"AE-32 {aeMse:0.0000}", $"stacked {stackedMse:0.0000}", $"PCA-32 {pcaMse:0.0000}"], path,
        title: "Fashion-MNIST test images and their reconstructions from 32 numbers (test MSE)"));
    var count = (int)Math.Min(10, Math.Min(normalTest.shape[0], anomalyTest.shape[0]));
    if (count > 0)
    {
        var (normalPick, anomalyPick) = (normalTest[..count], anomalyTest[..count]);
        run.Save("anomalies.png", path => Plots.ImageRows(
            [Images(normalPick), Images(Tensors.Float(detectorModel.Reconstruct(normalPick))),
             Images(anomalyPick), Images(Tensors.Float(detectorModel.Reconstruct(anomalyPick)))],
            ["normal", "reconstructed", $"anomaly ({names[o.AnomalyClass]})", "reconstructed"], path,
            title: $"Trained without {names[o.AnomalyClass]}s: anomalies reconstruct badly (threshold {detector.Threshold:0.0000})"));
    }

    run.Save("curves.png", path => Plots.TrainingCurves(history, path));
    return new ExampleResult(history, ("ae32_mse", aeMse), ("stacked_mse", stackedMse), ("pca32_mse", pcaMse),
        ("anomaly_precision", report?.Precision ?? double.NaN), ("anomaly_recall", report?.Recall ?? double.NaN),
        ("pca_anomaly_precision", pcaReport?.Precision ?? double.NaN), ("pca_anomaly_recall", pcaReport?.Recall ?? double.NaN));
});
