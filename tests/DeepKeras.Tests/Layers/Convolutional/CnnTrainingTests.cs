using DeepKeras.Layers;
using DeepKeras.Models;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Convolutional;

public class CnnTrainingTests
{
    /// <summary>16×16 noisy images with one bright 4×4 square; the label is the quadrant holding the square.</summary>
    private static (Tensor X, Tensor Y) Squares(int n, int seed)
    {
        var rng = new Random(seed);
        var x = new float[n * 16 * 16];
        var y = new long[n];
        for (var i = 0; i < n; i++)
        {
            for (var p = 0; p < 256; p++)
            {
                x[(i * 256) + p] = (float)(rng.NextDouble() * 0.3);
            }

            var q = rng.Next(4);
            var top = ((q / 2) * 8) + rng.Next(5);
            var left = ((q % 2) * 8) + rng.Next(5);
            for (var r = top; r < top + 4; r++)
            {
                for (var c = left; c < left + 4; c++)
                {
                    x[(i * 256) + (r * 16) + c] = 1f;
                }
            }

            y[i] = q;
        }

        return (tensor(x, [n, 16, 16, 1]), tensor(y));
    }

    [Fact]
    public void SmallCnn_LearnsWhichQuadrantHoldsTheSquare()
    {
        Keras.Utils.SetRandomSeed(42);
        var (x, y) = Squares(320, 1);
        var (xTest, yTest) = Squares(200, 2);
        var model = new Sequential(
            new Conv2D(8, 3, activation: "relu", padding: "same", inputShape: (16, 16, 1)),
            new MaxPooling2D(),
            new Conv2D(16, 3, activation: "relu"),
            new MaxPooling2D(),
            new Flatten(),
            new Dense(4, activation: "softmax"));
        model.Compile(optimizer: new DeepKeras.Optimizers.Adam(0.01), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var history = model.Fit(x, y, batchSize: 32, epochs: 5, verbose: 0);
        var accuracy = model.Evaluate(xTest, yTest, verbose: 0)["accuracy"];
        Assert.True(history["loss"][^1] < history["loss"][0] / 3, $"loss {history["loss"][0]} → {history["loss"][^1]}");
        Assert.True(accuracy > 0.9, $"test accuracy {accuracy}");
    }

    [Fact]
    public void BatchNormAndGlobalPooling_Cnn_Trains()
    {
        Keras.Utils.SetRandomSeed(7);
        var (x, y) = Squares(320, 3);
        var model = new Sequential(
            new Conv2D(8, 3, padding: "same", useBias: false, inputShape: (16, 16, 1)),
            new BatchNormalization(),
            new Activation("relu"),
            new MaxPooling2D(),
            new SeparableConv2D(16, 3, padding: "same", activation: "relu"),
            new AveragePooling2D(2),
            new Flatten(),
            new Dense(4, activation: "softmax"));
        model.Compile(optimizer: new DeepKeras.Optimizers.Adam(0.01), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        model.Fit(x, y, batchSize: 32, epochs: 5, verbose: 0);
        var accuracy = model.Evaluate(x, y, verbose: 0)["accuracy"];
        Assert.True(accuracy > 0.85, $"training accuracy {accuracy}");
        var bn = (BatchNormalization)model.Layers[1];
        Assert.True(bn.MovingMean!.Value.abs().sum().item<float>() > 0, "moving statistics were updated by Fit");
    }
}
