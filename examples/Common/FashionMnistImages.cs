using NumSharp;

namespace DeepKeras.Examples;

/// <summary>Fashion-MNIST as the image examples use it: float32 pixels in [0, 1], by default (N, 28, 28, 1).</summary>
internal static class FashionMnistImages
{
    /// <summary>
    /// Loads Fashion-MNIST, keeps the first <paramref name="trainLimit"/> training and <paramref name="testLimit"/> test
    /// images (all when null), scales pixels to [0, 1], reshapes each image and prints the shapes.
    /// </summary>
    /// <param name="trainLimit">How many training images to keep, or null for all 60,000.</param>
    /// <param name="testLimit">How many test images to keep, or null for all 10,000.</param>
    /// <param name="imageShape">The shape of one image (default 28, 28, 1; e.g. 784 for dense networks).</param>
    /// <exception cref="FileNotFoundException">The data set is not available; the message says how to get it.</exception>
    public static ((NDArray X, NDArray Y) Train, (NDArray X, NDArray Y) Test) Load(int? trainLimit, int? testLimit, int[]? imageShape = null)
    {
        var ((xTrain, yTrain), (xTest, yTest)) = Keras.Datasets.FashionMnist.LoadData();
        (xTrain, yTrain) = First(xTrain, yTrain, trainLimit);
        (xTest, yTest) = First(xTest, yTest, testLimit);
        int[] shape = [-1, .. imageShape ?? [28, 28, 1]];
        xTrain = (xTrain.astype(np.float32) / 255f).reshape(shape);
        xTest = (xTest.astype(np.float32) / 255f).reshape(shape);
        Console.WriteLine($"x_train shape: ({string.Join(", ", xTrain.shape)}), {xTrain.shape[0]} train samples, {xTest.shape[0]} test samples");
        return ((xTrain, yTrain), (xTest, yTest));
    }

    private static (NDArray X, NDArray Y) First(NDArray x, NDArray y, int? limit) =>
        limit is { } n && n < x.shape[0] ? (x[$":{n}"], y[$":{n}"]) : (x, y);
}
