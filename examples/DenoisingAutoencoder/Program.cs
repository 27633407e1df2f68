// A denoising autoencoder on Fashion-MNIST: it learns to map corrupted images to the clean ones.
//   dotnet run -c Release --project examples/DenoisingAutoencoder -- [--noise gaussian|dropout|gaussian_dropout] [--noise-level L] [--arch dense|conv]
// The corruption is a layer that is active only in training, so Fit(x) trains on (corrupted x, clean x). The test
// images get the same noise once; the run compares MSE(noisy, clean) with MSE(denoised, clean). Writes denoising.png
// (original / noisy / denoised rows) and curves.png. --limit N keeps the first N training and at most N test images.
using System.Globalization;
using DeepKeras;
using DeepKeras.Examples;
using DeepKeras.Optimizers;
using DeepKeras.Plotting;

return Example.Run(args, new ExampleOptions(Epochs: 10, BatchSize: 128, OutDir: Path.Combine("out", "denoising")), extra =>
{
    var kind = extra.Choice("--noise", "gaussian", "gaussian", "dropout", "gaussian_dropout");
    // A standard deviation for gaussian noise; a rate in [0, 1) for the dropout kinds.
    var level = extra.Number("--noise-level", kind == "gaussian" ? 0.4 : 0.5, 0, kind == "gaussian" ? 10 : 0.95);
    return (Noise: kind, Level: level, Arch: extra.Choice("--arch", "dense", "dense", "conv"));
}, (run, o) =>
{
    // Prepare the data: images stay (N, 28, 28, 1); the dense networks flatten and reshape back themselves.
    var ((xTrainImages, _), (xTestImages, _)) = FashionMnistImages.Load(run.Limit, run.Limit);
    var (xTrain, xTest) = (Tensors.Float(xTrainImages), Tensors.Float(xTestImages));

    // Build the model: 784-128-64-32-64-128-784 (or convolutional) behind a corruption layer.
    var model = o.Arch == "conv"
        ? Applications.Autoencoder.Convolutional((28, 28, 1), noise: o.Noise, noiseLevel: o.Level, seed: run.Seed, name: "denoising_conv_autoencoder")
        : Applications.Autoencoder.Denoising((28, 28, 1), [128, 64, 32], o.Noise, o.Level, seed: run.Seed, name: "denoising_autoencoder");
    var level = o.Level.ToString(CultureInfo.InvariantCulture);
    Console.WriteLine($"Corruption in training: {o.Noise} (level {level}); {model.Encoder.CountParams() + model.Decoder.CountParams():N0} parameters");
    model.Encoder.Summary();
    model.Decoder.Summary();

    // Train the model, validating on the noisy test images against the clean ones.
    model.Compile(optimizer: new Adam(), loss: "binary_crossentropy");
    var xTestNoisy = Tensors.Float(model.Corrupt(xTest));
    var history = model.Fit(xTrain, batchSize: run.BatchSize, epochs: run.Epochs, validationData: (xTestNoisy, xTest), verbose: 2,
        callbacks: [run.Clock]);

    // Evaluate: how much of the noise's error is left after denoising.
    var noisyMse = (double)(xTestNoisy - xTest).square().mean().item<float>();
    var denoisedMse = model.ReconstructionMse(xTestNoisy, xTest, batchSize: 1000);
    Console.WriteLine($"\nTest MSE(noisy, clean)    = {noisyMse:0.00000}");
    Console.WriteLine($"Test MSE(denoised, clean) = {denoisedMse:0.00000}  ({denoisedMse / noisyMse:P1} of the noisy input's error)");

    var count = (int)Math.Min(10, xTest.shape[0]);
    var denoised = Tensors.Float(model.Reconstruct(xTestNoisy[..count]));
    run.Save("denoising.png", path => Plots.ImageRows([xTest[..count], xTestNoisy[..count], denoised], ["original", $"noisy ({o.Noise} {level})", "denoised"],
        path, title: string.Create(CultureInfo.InvariantCulture, $"Denoising autoencoder: test MSE {noisyMse:0.0000} (noisy) → {denoisedMse:0.0000} (denoised)")));
    run.Save("curves.png", path => Plots.TrainingCurves(history, path));
    return new ExampleResult(history, ("noisy_mse", noisyMse), ("denoised_mse", denoisedMse), ("ratio", denoisedMse / noisyMse),
        ("noise", o.Noise), ("arch", o.Arch));
});
