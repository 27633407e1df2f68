// VGG16 the Keras way, and VGG16 as a frozen feature extractor for small images (transfer-learning pattern):
//   dotnet run -c Release --project examples/Vgg16
// 1. prints the summary of VGG16 with its dense top (224×224×3 → 1000 classes, 138,357,544 parameters) and without
//    it (the convolutional base, 14,714,688 parameters);
// 2. builds VGG16(includeTop: false) on 32×32×3 inputs, freezes it and puts a new head on it
//    (GlobalAveragePooling2D → Dense(10, softmax)): only the head's 5,130 parameters train;
// 3. trains that network on Fashion-MNIST padded from 28×28 to 32×32 and repeated to 3 channels, preprocessed as
//    VGG16 expects (0–255 scale, BGR, ImageNet means subtracted), and evaluates it;
// 4. ends with `RESULT test_accuracy=... train_seconds=...`.
// With Keras's ImageNet weights file in ~/.keras/models (vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5) the base
// is pretrained; without it (it cannot be downloaded offline) the frozen base is a fixed random feature extractor and
// the accuracy is far below what pretrained weights give. The pattern is the same.
// By default it uses the first 6,000 training and 1,000 test images (--limit N: N training and at most min(N/2, 1,000) test images).
using System.Diagnostics;
using System.Globalization;
using DeepKeras;
using DeepKeras.Examples;
using DeepKeras.Layers;
using DeepKeras.Plotting;
using TorchSharp;
using static TorchSharp.torch;

const string usage =
    "usage: dotnet run -c Release --project examples/Vgg16 -- [--epochs N] [--limit N] [--batch-size N] [--device auto|cpu|cuda] [--out DIR] [--seed N]";
var defaults = new ExampleOptions(Epochs: 3, Limit: 6000, BatchSize: 64, Device: "auto", OutDir: null, Seed: 42);
var exitCode = ExampleOptions.TryParse(args, defaults, usage, out var parsed);
if (parsed is not { } options)
{
    return exitCode;
}

Keras.Utils.SetRandomSeed(options.Seed);
Console.WriteLine(Keras.Backend.Describe());
Console.WriteLine();

// VGG16 as Keras builds it. The model with the top holds 138 million parameters (528 MB of float32).
Applications.VGG16().Summary();
Console.WriteLine();
GC.Collect();

Applications.VGG16(includeTop: false).Summary();
Console.WriteLine();

// Transfer learning on small images: the convolutional base on 32×32×3 (block5_pool gives 1×1×512), frozen.
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
// Only a linear head on fixed features trains, so a larger step than Adam's default 0.001 is safe and much faster.
model.Compile(optimizer: new DeepKeras.Optimizers.Adam(learningRate: 0.01), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);

var data = FashionMnistImages.Load(options.Limit, Math.Min(1000, (options.Limit ?? 2000) / 2));
if (data is not { } loaded)
{
    return 1;
}

var ((xTrain, yTrain), (xTest, yTest)) = loaded;
var trainImages = ToVggInput(xTrain.ToArray<float>(), (int)xTrain.shape[0]);
var testImages = ToVggInput(xTest.ToArray<float>(), (int)xTest.shape[0]);
Console.WriteLine($"VGG16 input: ({string.Join(", ", trainImages.shape)})");
Console.WriteLine();

var clock = Stopwatch.StartNew();
var history = model.Fit(trainImages, yTrain, batchSize: options.BatchSize, epochs: options.Epochs, validationSplit: 0.1, verbose: 1);
var trainSeconds = clock.Elapsed.TotalSeconds;

var (testLoss, testAccuracy) = model.Evaluate(testImages, yTest, batchSize: options.BatchSize, verbose: 0);
Console.WriteLine($"Test loss: {testLoss:0.0000}");
Console.WriteLine($"Test accuracy: {testAccuracy:0.0000} (frozen {(pretrained ? "ImageNet" : "random")} VGG16 base, trained head)");

if (options.OutDir is { } outDir)
{
    Directory.CreateDirectory(outDir);
    HistoryCsv.Write(history, Path.Combine(outDir, "history.csv"));
    Plots.TrainingCurves(history, Path.Combine(outDir, "curves.png"));
    File.WriteAllText(Path.Combine(outDir, "result.txt"), string.Create(CultureInfo.InvariantCulture,
        $"test_loss={testLoss:0.0000}\ntest_accuracy={testAccuracy:0.0000}\ntrain_seconds={trainSeconds:0.0}\n"));
    Console.WriteLine($"Wrote {outDir}");
}

Console.WriteLine(ExampleOptions.ResultLine(testAccuracy, trainSeconds));
return 0;

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
