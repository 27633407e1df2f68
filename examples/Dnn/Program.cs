// The course's DNN, then a multilayer perceptron on Fashion-MNIST (~88.8% test accuracy in 10 epochs).
//   dotnet run -c Release --project examples/Dnn -- [--epochs 10] [--limit N] [--out DIR]
// --limit N keeps the first N training images (all 10,000 test images are evaluated). Writes training_curves.png.
using DeepKeras;
using DeepKeras.Callbacks;
using DeepKeras.Examples;
using DeepKeras.Plotting;

return Example.Run(args, new ExampleOptions(Epochs: 10, BatchSize: 64), run =>
{
    // The course's first DNN (Dense 32 → 10 → 20, 25,670 parameters): later layers size themselves from the layer before.
    Applications.Dnn.CourseModel().Summary();
    Console.WriteLine();

    // Prepare the data: pixels scaled to [0, 1], each 28×28 image flattened to 784 features.
    var ((xTrain, yTrain), (xTest, yTest)) = FashionMnistImages.Load(run.Limit, testLimit: null, imageShape: [784]);
    Console.WriteLine();

    // Build the model: 784 → 256 relu → 128 relu → 10 softmax, dropout 0.2 after each hidden layer.
    var model = Applications.Dnn.Classifier(inputDim: 784, hidden: [256, 128], classes: 10, dropout: 0.2, name: "mlp");
    model.Summary();

    // Train the model. Adam's step shrinks by 20% per epoch (LearningRateScheduler), so the last epochs settle instead
    // of bouncing around the minimum: test accuracy ends near its best rather than wherever the last step landed.
    model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
    var schedule = new LearningRateScheduler(epoch => 1e-3 * Math.Pow(0.8, epoch));
    var history = model.Fit(xTrain, yTrain, batchSize: run.BatchSize, epochs: run.Epochs, callbacks: [schedule, run.Clock]);

    // Evaluate the trained model.
    var (testLoss, testAccuracy) = model.Evaluate(xTest, yTest, batchSize: run.BatchSize, verbose: 0);
    Console.WriteLine($"Test loss: {testLoss:0.0000}");
    Console.WriteLine($"Test accuracy: {testAccuracy:0.0000}");

    run.Save("training_curves.png", path => Plots.TrainingCurves(history, path));
    return new ExampleResult(history, ("test_loss", testLoss), ("test_accuracy", testAccuracy));
});
