using NumSharp;

namespace DeepKeras.Examples;

/// <summary>Fashion-MNIST as the image examples use it: float32 in [0, 1] with a channel axis, (N, 28, 28, 1).</summary>
internal static class FashionMnistImages
{
    /// <summary>
    /// Loads Fashion-MNIST, keeps the first <paramref name="trainLimit"/> training and <paramref name="testLimit"/> test
    /// images (all when null), scales pixels to [0, 1] and adds the channel axis. Prints the reason and returns null when
    /// the files are not available.
    /// </summary>
    public static ((NDArray X, NDArray Y) Train, (NDArray X, NDArray Y) Test)? Load(int? trainLimit, int? testLimit)
    {
        NDArray xTrain, yTrain, xTest, yTest;
        try
        {
            ((xTrain, yTrain), (xTest, yTest)) = Keras.Datasets.FashionMnist.LoadData();
        }
        catch (FileNotFoundException e)
        {
            Console.Error.WriteLine(e.Message);
            return null;
        }

        (xTrain, yTrain) = First(xTrain, yTrain, trainLimit);
        (xTest, yTest) = First(xTest, yTest, testLimit);
        xTrain = (xTrain.astype(np.float32) / 255f).reshape(-1, 28, 28, 1);
        xTest = (xTest.astype(np.float32) / 255f).reshape(-1, 28, 28, 1);
        Console.WriteLine($"x_train shape: ({string.Join(", ", xTrain.shape)}), {xTrain.shape[0]} train samples, {xTest.shape[0]} test samples");
        return ((xTrain, yTrain), (xTest, yTest));
    }

    private static (NDArray X, NDArray Y) First(NDArray x, NDArray y, int? limit) =>
        limit is { } n && n < x.shape[0] ? (x[$":{n}"], y[$":{n}"]) : (x, y);
}
