// A variational autoencoder on Fashion-MNIST (keras-io examples/generative/vae.py), latent dimension 2 by default.
//   dotnet run -c Release --project examples/Vae -- [--epochs 15] [--limit N] [--latent-dim 2] [--arch dense|conv]
// Applications.Vae is a Model subclass with its own TrainStep: loss = per-image summed binary cross-entropy + KL
// divergence, shown as loss, reconstruction_loss, kl_loss (notebooks/06-vae.ipynb writes that TrainStep out). The test
// images' latent means are classified by their 5 nearest training means: how well the unsupervised code separates
// classes. Writes curves.png, latent_scatter.png and latent_traversal.png (latent dim 2), generated.png,
// reconstructions.png and epochs/epoch_NNN.png (fixed z after each epoch). --limit N: first N train and ≤ N test images.
using System.Globalization;
using DeepKeras;
using DeepKeras.Examples;
using DeepKeras.Examples.Vae;
using DeepKeras.Optimizers;
using DeepKeras.Plotting;

return Example.Run(args, new ExampleOptions(Epochs: 15, BatchSize: 128, OutDir: Path.Combine("out", "vae")),
    extra => (LatentDim: extra.Int("--latent-dim", 2, 1, 1024), Arch: extra.Choice("--arch", "dense", "dense", "conv")),
    (run, o) =>
{
    // Prepare the data.
    var ((xTrainImages, yTrainLabels), (xTestImages, yTestLabels)) = FashionMnistImages.Load(run.Limit, run.Limit);
    var (xTrain, yTrain, xTest, yTest) = (Tensors.Float(xTrainImages), Tensors.Labels(yTrainLabels), Tensors.Float(xTestImages), Tensors.Labels(yTestLabels));

    // Build the VAE: encoder 784-512-(z_mean, z_log_var) → Sampling, decoder z-512-784 sigmoid (or the convolutional
    // networks of Keras's example with --arch conv).
    var vae = o.Arch == "conv"
        ? Applications.Vae.Convolutional((28, 28, 1), o.LatentDim, seed: run.Seed, name: "conv_vae")
        : Applications.Vae.Dense((28, 28, 1), o.LatentDim, [512], seed: run.Seed, name: "dense_vae");
    vae.Encoder.Summary();
    vae.Decoder.Summary();

    // Train the VAE on images alone, decoding the same 16 latent points after every epoch.
    vae.Compile(optimizer: new Adam());
    var monitor = run.OutPath("epochs") is { } epochs
        ? new Applications.GanMonitor(Plots.EpochImageGrid(epochs, title: "VAE samples (fixed z)"), numImages: 16, seed: run.Seed)
        : null;
    var history = vae.Fit(xTrain, batchSize: run.BatchSize, epochs: run.Epochs, verbose: 2, callbacks: monitor is null ? [run.Clock] : [monitor, run.Clock]);
    var losses = history["loss"];
    Console.WriteLine($"\nloss per epoch: {string.Join(" → ", losses.Select(l => l.ToString("0.0", CultureInfo.InvariantCulture)))}");
    var (testLoss, _) = vae.Evaluate(xTest, batchSize: 1000, verbose: 0);
    Console.WriteLine($"test loss: {testLoss:0.00}");

    // Evaluate the code: k-NN (k = 5) on latent means, the training means being the reference set.
    var trainMeans = Tensors.Float(vae.Encode(xTrain, batchSize: 1000).ZMean);
    var testMeans = Tensors.Float(vae.Encode(xTest, batchSize: 1000).ZMean);
    var knnAccuracy = LatentKnn.Accuracy(trainMeans, yTrain, testMeans, yTest, k: 5);
    Console.WriteLine($"k-NN (k=5) accuracy of the test latent means: {knnAccuracy:P2}");

    // Plots: the losses, the latent space (2-D codes only), new images, reconstructions.
    run.Save("curves.png", path => Plots.TrainingCurves(history, path, "loss", "reconstruction_loss", "kl_loss"));
    if (o.LatentDim == 2)
    {
        run.Save("latent_scatter.png", path => Plots.Scatter2D(testMeans, yTest, path,
            title: $"Test images in the latent space (z_mean), k-NN(5) accuracy {knnAccuracy:P1}", classNames: Keras.Datasets.FashionMnist.ClassNames));
        run.Save("latent_traversal.png", path => Plots.LatentTraversal(z => vae.Decode(z, batchSize: 256), path, n: 15, scale: 2,
            title: "Decoder over a 15×15 lattice of z in [-2, 2]²"));
    }

    Keras.Utils.SetRandomSeed(run.Seed + 1);
    run.Save("generated.png", path => Plots.ImageGrid(vae.Generate(32), path, columns: 8, title: "New images: the decoder on z ~ N(0, I)"));
    var count = (int)Math.Min(10, xTest.shape[0]);
    run.Save("reconstructions.png", path => Plots.ImageRows([xTest[..count], Tensors.Float(vae.Decode(testMeans[..count]))],
        ["original", "decoded z_mean"], path, title: $"Test images and their reconstructions through a {o.LatentDim}-number code"));
    return new ExampleResult(history, ("knn5_accuracy", knnAccuracy), ("first_loss", losses[0]), ("last_loss", losses[^1]),
        ("test_loss", testLoss), ("latent_dim", o.LatentDim), ("arch", o.Arch));
});
