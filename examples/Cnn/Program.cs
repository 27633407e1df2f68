// A convolutional network on Fashion-MNIST: a small VGG-style CNN with batch normalization, ~92.5% test accuracy.
//   dotnet run -c Release --project examples/Cnn -- [--epochs 18] [--limit N] [--out out/cnn]
// Writes curves.png, predictions.png (25 test images, true and predicted labels), feature_maps.png (the first
// convolution's 32 maps for one test image) and model.keras (examples/Gan --classifier can load it as its judge).
using DeepKeras;
using DeepKeras.Callbacks;
using DeepKeras.Examples;
using DeepKeras.Layers;
using DeepKeras.Plotting;
using NumSharp;

return Example.Run(args, new ExampleOptions(Epochs: 18, BatchSize: 128, OutDir: Path.Combine("out", "cnn")), run =>
{
    // Prepare the data: --limit N keeps the first N training and at most N test images.
    var ((xTrain, yTrain), (xTest, yTest)) = FashionMnistImages.Load(run.Limit, run.Limit);
    var names = Keras.Datasets.FashionMnist.ClassNames;

    // Build the model: two blocks (32 and 64 filters) of Conv 3×3 "same" → BatchNorm → ReLU → MaxPool 2 → Dropout 0.1,
    // then Dense 256 → Dropout 0.25 → softmax.
    var model = Applications.Cnn.SmallImageClassifier((28, 28, 1), classes: 10, filters: [32, 64], convsPerBlock: 1,
        dropout: 0.1, denseUnits: 256, denseDropout: 0.25, name: "fashion_cnn");
    model.Summary();

    // Train the model, keeping 10% of the training images for validation. Adam's step shrinks by 10% per epoch
    // (LearningRateScheduler) so the last epochs settle near the minimum.
    model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
    var schedule = new LearningRateScheduler(epoch => 1e-3 * Math.Pow(0.9, epoch));
    var history = model.Fit(xTrain, yTrain, batchSize: run.BatchSize, epochs: run.Epochs, validationSplit: 0.1,
        callbacks: [schedule, run.Clock]);

    // Evaluate the trained model.
    var (testLoss, testAccuracy) = model.Evaluate(xTest, yTest, batchSize: run.BatchSize, verbose: 0);
    Console.WriteLine($"Test loss: {testLoss:0.0000}");
    Console.WriteLine($"Test accuracy: {testAccuracy:0.0000}");

    // Plots and files: learning curves, 25 test images with their true and predicted classes.
    run.Save("curves.png", path => Plots.TrainingCurves(history, path));
    var count = Math.Min(25, (int)xTest.shape[0]);
    var predicted = model.Predict(xTest[$":{count}"], batchSize: count, verbose: 0).argmax(1).astype(np.int32).ToArray<int>();
    var truth = yTest[$":{count}"].ToArray<byte>();
    var captions = Enumerable.Range(0, count)
        .Select(i => $"true: {names[truth[i]]}\npred: {names[predicted[i]]}{(predicted[i] == truth[i] ? "" : " ✗")}").ToList();
    run.Save("predictions.png", path => Plots.ImageGrid(xTest[$":{count}"], path, columns: 5, labels: captions,
        title: "Fashion-MNIST test images: true and predicted labels"));

    // The first convolution's output for one test image: a sub-model from a new input through that (trained) layer.
    var firstConv = model.Layers.OfType<Conv2D>().First();
    var probe = Keras.Input((28, 28, 1));
    var maps = Keras.Model(probe, firstConv.Apply(probe), name: "first_conv_maps").Predict(xTest[":1"], verbose: 0);
    run.Save("feature_maps.png", path => Plots.FeatureMaps(maps, path, columns: 8,
        title: $"{firstConv.Name} feature maps of a test image ({names[truth[0]]})"));
    run.Save("model.keras", path => model.Save(path));
    return new ExampleResult(history, ("test_loss", testLoss), ("test_accuracy", testAccuracy));
});
