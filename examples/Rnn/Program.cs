// A stacked bidirectional LSTM classifies Fashion-MNIST, reading each 28×28 image as a sequence of 28 rows (time
// steps) of 28 pixels (features).
//   dotnet run -c Release --project examples/Rnn -- [--epochs 12] [--limit N] [--units 64] [--out DIR]
// --limit N keeps the first N training and at most N test images. Writes training_curves.png.
using DeepKeras;
using DeepKeras.Callbacks;
using DeepKeras.Examples;
using DeepKeras.Plotting;

return Example.Run(args, new ExampleOptions(Epochs: 12, BatchSize: 128), extra => extra.Int("--units", 64, 1, 65536), (run, units) =>
{
    // Prepare the data: pixels in [0, 1], no channel axis: each image is 28 time steps of 28 features.
    var ((xTrain, yTrain), (xTest, yTest)) = FashionMnistImages.Load(run.Limit, run.Limit, imageShape: [28, 28]);
    Console.WriteLine();

    // Build the model: Bidirectional(LSTM(units, returnSequences)) → Bidirectional(LSTM(units)) → Dense(10, softmax).
    var model = Applications.Rnn.BidirectionalClassifier(RnnInput.Sequence(timesteps: 28, features: 28), units: [units, units],
        cell: "lstm", classes: 10, name: "bilstm_fashion_mnist");
    model.Summary();

    // Train the model, keeping 10% for validation; Adam's step shrinks by 10% per epoch so the last epochs settle.
    model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
    var history = model.Fit(xTrain, yTrain, batchSize: run.BatchSize, epochs: run.Epochs, validationSplit: 0.1,
        callbacks: [new LearningRateScheduler(epoch => 1e-3 * Math.Pow(0.9, epoch)), run.Clock]);

    // Evaluate the trained model.
    var (testLoss, testAccuracy) = model.Evaluate(xTest, yTest, batchSize: run.BatchSize, verbose: 0);
    Console.WriteLine($"Test loss: {testLoss:0.0000}");
    Console.WriteLine($"Test accuracy: {testAccuracy:0.0000}");

    run.Save("training_curves.png", path => Plots.TrainingCurves(history, path));
    return new ExampleResult(history, ("test_loss", testLoss), ("test_accuracy", testAccuracy));
});
