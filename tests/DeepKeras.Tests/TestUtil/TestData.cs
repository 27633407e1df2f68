using DeepKeras;
using static TorchSharp.torch;

namespace DeepKeras.Tests.TestUtil;

/// <summary>Small generated datasets for tests (no downloads).</summary>
internal static class TestData
{
    /// <summary>A linearly separable 3-class problem: x ~ N(0,1) (n, features), label = argmax(x·W).</summary>
    public static (Tensor X, Tensor Y) Blobs(int n = 600, int features = 8, int classes = 3, int seed = 0)
    {
        Keras.Utils.SetRandomSeed(seed);
        var x = randn(n, features);
        var w = randn(features, classes);
        var y = x.matmul(w).argmax(-1);
        return (x, y);
    }

    /// <summary>Asserts two floats are within a tolerance, with a readable message.</summary>
    public static void Near(double expected, double actual, double tol = 1e-5, string what = "value") =>
        Assert.True(Math.Abs(expected - actual) <= tol, $"{what}: expected {expected}, got {actual} (tol {tol})");

    /// <summary>Whether two tensors have one shape and equal elements (TorchSharp's <c>equal</c> is element-wise).</summary>
    public static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
