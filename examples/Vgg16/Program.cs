// VGG16 the Keras way, then VGG16 as a frozen feature extractor for small images (the transfer-learning pattern).
//   dotnet run -c Release --project examples/Vgg16 -- [--epochs 3] [--limit 6000] [--out DIR]
// With Keras's ImageNet weights file in ~/.keras/models (vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5) the base
// is pretrained; without it (it cannot be downloaded offline) the frozen base is a fixed random feature extractor and
// the accuracy is far below what pretrained weights give. The pattern is the same.
// --limit N trains on the first N training images and tests on min(N/2, 1,000) test images.
using DeepKeras;
using DeepKeras.Examples;
using DeepKeras.Layers;
using DeepKeras.Optimizers;
using DeepKeras.Plotting;
using TorchSharp;
using static TorchSharp.torch;

return Example.Run(args, new ExampleOptions(Epochs: 3, BatchSize: 64, Limit: 6000), run =>
{
    // VGG16 as Keras builds it: with its dense top (224×224×3 → 1000 classes, 138,357,544 parameters, 528 MB of
    // float32) and without it (the convolutional base, 14,714,688 parameters).
    Applications.VGG16().Summary();
    Console.WriteLine();
    GC.Collect();
    Applications.VGG16(includeTop: false).Summary();
    Console.WriteLine();

    // Transfer learning on small images: the convolutional base on 32×32×3 (block5_pool gives 1×1×512), frozen, with a
    // new head GlobalAveragePooling2D → Dense(10, softmax): only the head's 5,130 parameters train.
    var kerasHome = Environment.GetEnvironmentVariable("KERAS_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".keras");
    var pretrained = File.Exists(Path.Combine(kerasHome, "models", "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"));
    Console.WriteLine(pretrained ? "VGG16 base: ImageNet weights" : "VGG16 base: random weights (no ImageNet weights file in ~/.keras/models)");
    var baseModel = Applications.VGG16(includeTop: false, weights: pretrained ? "imagenet" : null, inputShape: (32, 32, 3));
    baseModel.Trainable = false;
    var inputs = Keras.Input((32, 32, 3));
    var features = new GlobalAveragePooling2D(name: "avg_pool").Apply(baseModel.Apply(inputs));
    var outputs = new Dense(10, activation: "softmax", name: "classifier").Apply(features);
    var model = Keras.Model(inputs, outputs, name: "vgg16_transfer");
    model.Summary();

    // Prepare the data: Fashion-MNIST padded from 28×28 to 32×32, repeated to 3 channels and preprocessed as VGG16
    // expects (0–255 scale, BGR, ImageNet means subtracted).
    var ((xTrain, yTrain), (xTest, yTest)) = FashionMnistImages.Load(run.Limit, Math.Min(1000, (run.Limit ?? 2000) / 2));
    var trainImages = ToVggInput(xTrain.ToArray<float>(), (int)xTrain.shape[0]);
    var testImages = ToVggInput(xTest.ToArray<float>(), (int)xTest.shape[0]);
    Console.WriteLine($"VGG16 input: ({string.Join(", ", trainImages.shape)})");
    Console.WriteLine();

    // Train the head: only a linear layer on fixed features trains, so a larger step than Adam's default 0.001 is safe
    // and much faster.
    model.Compile(optimizer: new Adam(learningRate: 0.01), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
    var history = model.Fit(trainImages, yTrain, batchSize: run.BatchSize, epochs: run.Epochs, validationSplit: 0.1, callbacks: [run.Clock]);

    // Evaluate the trained model.
    var (testLoss, testAccuracy) = model.Evaluate(testImages, yTest, batchSize: run.BatchSize, verbose: 0);
    Console.WriteLine($"Test loss: {testLoss:0.0000}");
    Console.WriteLine($"Test accuracy: {testAccuracy:0.0000} (frozen {(pretrained ? "ImageNet" : "random")} VGG16 base, trained head)");

    run.Save("curves.png", path => Plots.TrainingCurves(history, path));
    return new ExampleResult(history, ("test_loss", testLoss), ("test_accuracy", testAccuracy));
});

// 28×28 grayscale in [0, 1] → 32×32 RGB in 0–255 (2 black pixels on each side, the gray copied to R, G and B), then
// VGG16's own preprocessing.
static Tensor ToVggInput(float[] pixels, int count)
{
    using var scope = NewDisposeScope();
    var gray = tensor(pixels, [count, 1, 28, 28]);
    var padded = nn.functional.pad(gray, [2, 2, 2, 2]).mul(255f);
    var rgb = padded.permute(0, 2, 3, 1).expand(count, 32, 32, 3);
    return Applications.VGG16PreprocessInput(rgb).contiguous().MoveToOuterDisposeScope();
}
