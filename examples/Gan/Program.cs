// A generative adversarial network on Fashion-MNIST, judged by a classifier.
//   dotnet run -c Release --project examples/Gan -- [--epochs 25] [--arch dense|dcgan] [--latent-dim 128] [--ema 0.999] [--classifier PATH]
// Applications.Gan is a Model subclass whose TrainStep updates the discriminator, then the generator (two Adam(2e-4,
// beta1 0.5) optimizers, binary cross-entropy), showing d_loss and g_loss; notebooks/07-gan.ipynb writes it out.
// A GeneratorEma callback averages the generator's weights (momentum --ema; 0 for none), which removes most pixel noise.
// The judge, the examples/Cnn classifier (loaded from --classifier PATH or --out/classifier.keras, else trained for
// --classifier-epochs and saved there), classifies 1,000 generated images: the fraction classified with confidence
// > 0.9 and the classes among them measure quality and diversity. Writes curves.png, generated.png (captions:
// predicted class and confidence) and epochs/epoch_NNN.png (the same 32 noise vectors after every epoch).
// --limit N keeps the first N training and at most N test images.
using System.Globalization;
using DeepKeras;
using DeepKeras.Callbacks;
using DeepKeras.Examples;
using DeepKeras.Losses;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Plotting;
using static TorchSharp.torch;

return Example.Run(args, new ExampleOptions(Epochs: 25, BatchSize: 64, OutDir: Path.Combine("out", "gan")),
    extra => (Arch: extra.Choice("--arch", "dense", "dense", "dcgan"), LatentDim: extra.Int("--latent-dim", 128, 1, 4096),
        Ema: extra.Number("--ema", 0.999, 0, 0.99999), Classifier: extra.Text("--classifier", "PATH"),
        ClassifierEpochs: extra.Int("--classifier-epochs", 10, 1, 1000)),
    (run, o) =>
{
    // Prepare the data.
    var ((xTrain, yTrain), (xTest, yTest)) = FashionMnistImages.Load(run.Limit, run.Limit);
    var names = Keras.Datasets.FashionMnist.ClassNames;

    // Build the GAN. The dense one is the classic Keras recipe: generator z → 256 → 512 → 1024 → 784 with
    // BatchNormalization (momentum 0.8) and LeakyReLU(0.2), discriminator 784 → 512 → 256 → 1 with LeakyReLU(0.2).
    var gan = o.Arch == "dcgan"
        ? Applications.Gan.Dcgan(o.LatentDim, (28, 28, 1), seed: run.Seed, name: "dcgan")
        : Applications.Gan.Dense(o.LatentDim, (28, 28, 1), hidden: [256, 512, 1024], discriminatorHidden: [512, 256], dropout: 0,
            batchNormMomentum: 0.8, seed: run.Seed, name: "dense_gan");
    gan.Generator.Summary();
    gan.Discriminator.Summary();

    // Train the GAN on images alone. The averaged generator (listed first) is what the monitor, Generate and the judge see.
    gan.Compile(dOptimizer: new Adam(2e-4, beta1: 0.5), gOptimizer: new Adam(2e-4, beta1: 0.5), lossFn: new BinaryCrossentropy());
    List<Callback> callbacks = o.Ema > 0 ? [new Applications.GeneratorEma(o.Ema), run.Clock] : [run.Clock];
    if (run.OutPath("epochs") is { } epochs)
    {
        callbacks.Add(new Applications.GanMonitor(Plots.EpochImageGrid(epochs), numImages: 32, seed: run.Seed));
    }

    var history = gan.Fit(xTrain, batchSize: run.BatchSize, epochs: run.Epochs, callbacks: callbacks, verbose: 2);

    // The judge: the examples/Cnn classifier, loaded from a previous run or trained now (with its learning-rate schedule).
    var classifierPath = o.Classifier ?? (run.OutDir is { } dir ? Path.Combine(dir, "classifier.keras") : null);
    Model classifier;
    if (classifierPath is not null && File.Exists(classifierPath))
    {
        Console.WriteLine($"\nLoading the classifier from {classifierPath}");
        classifier = Keras.Models.LoadModel(classifierPath);
    }
    else
    {
        Console.WriteLine($"\nTraining the Fashion-MNIST classifier ({o.ClassifierEpochs} epochs)");
        classifier = Applications.Cnn.SmallImageClassifier((28, 28, 1), classes: 10, filters: [32, 64], convsPerBlock: 1,
            dropout: 0.1, denseUnits: 256, denseDropout: 0.25, name: "judge_cnn");
        classifier.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        classifier.Fit(xTrain, yTrain, batchSize: 128, epochs: o.ClassifierEpochs, verbose: 2,
            callbacks: [new LearningRateScheduler(epoch => 1e-3 * Math.Pow(0.9, epoch))]);
        if (classifierPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(classifierPath))!);
            classifier.Save(classifierPath);
        }
    }

    var (_, classifierAccuracy) = classifier.Evaluate(xTest, yTest, batchSize: 1000, verbose: 0);
    Console.WriteLine($"Classifier test accuracy: {classifierAccuracy:P2}");

    // Evaluate the generator: 1,000 generated images through the classifier.
    const int samples = 1000;
    var generated = Tensors.Float(gan.Generate(samples));
    var (confidence, predicted) = Tensors.Float(classifier.Predict(generated, batchSize: 500, verbose: 0)).max(1);
    var confident = confidence.gt(0.9);
    var confidentFraction = (double)confident.to(ScalarType.Float32).mean().item<float>();
    var counts = Enumerable.Range(0, 10).Select(c => predicted.index(confident).eq(c).sum().item<long>()).ToArray();
    var confidentClasses = counts.Count(c => c > 0);
    Console.WriteLine($"Generated images classified with confidence > 0.9: {confidentFraction:P1} of {samples}; classes among them ({confidentClasses} of 10):");
    Console.WriteLine("  " + string.Join(", ", counts.Select((c, i) => $"{names[i]} {c}")));

    run.Save("curves.png", path => Plots.TrainingCurves(history, path, "d_loss", "g_loss"));
    var captions = Enumerable.Range(0, 40).Select(i =>
        string.Create(CultureInfo.InvariantCulture, $"{names[(int)predicted[i].item<long>()]} {confidence[i].item<float>():0.00}")).ToList();
    run.Save("generated.png", path => Plots.ImageGrid(generated[..40], path, columns: 8, labels: captions,
        title: $"Generated images with the classifier's label and confidence ({confidentFraction:P0} of 1,000 above 0.9)"));
    return new ExampleResult(history, ("confident_fraction", confidentFraction), ("confident_classes", confidentClasses),
        ("classifier_accuracy", classifierAccuracy), ("arch", o.Arch), ("ema", o.Ema));
});
