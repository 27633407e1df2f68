using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Bench;

/// <summary>The benchmark data: Fashion-MNIST flattened to (n, 784) float32 in [0, 1] and int64 labels, or random data of that shape.</summary>
internal static class BenchData
{
    public static (Tensor X, Tensor Y, string Source) Load(int? limit)
    {
        Tensor x, y;
        string source;
        try
        {
            var ((xTrain, yTrain), _) = Keras.Datasets.FashionMnist.LoadData();
            x = ToTensor(xTrain).reshape(-1, 784).to(float32).div_(255f);
            y = ToTensor(yTrain).to(int64);
            source = "Fashion-MNIST";
        }
        catch (FileNotFoundException e)
        {
            Console.WriteLine($"Fashion-MNIST not available ({e.FileName}); using random data of the same shape.");
            Keras.Utils.SetRandomSeed(0);
            x = rand(60_000, 784);
            y = randint(0, 10, [60_000]);
            source = "random";
        }

        if (limit is { } n && n < x.shape[0])
        {
            // Copy the subset and free the full arrays now, not whenever the finalizer runs.
            using var fullX = x;
            using var fullY = y;
            x = fullX.narrow(0, 0, n).clone();
            y = fullY.narrow(0, 0, n).clone();
        }

        return (x.DetachFromDisposeScope(), y.DetachFromDisposeScope(), source);
    }

    private static Tensor ToTensor(NDArray a) => tensor(a.ToArray<byte>(), a.shape);
}
