using static TorchSharp.torch;

namespace DeepKeras.Tests.Applications;

/// <summary>
/// Generated low-dimensional manifolds embedded in higher dimensions, values in (0, 1). The embedding W depends only on
/// <c>dim</c> (fixed seed); <c>seed</c> draws the points, so different seeds give different samples of the same manifold.
/// </summary>
internal static class ManifoldData
{
    /// <summary>A 1-D curve: t ~ U(−1, 1) → sigmoid([t, t², t³]·W), W ~ N(0, 1.5²) of shape (3, dim).</summary>
    public static Tensor Curve(int n, int dim = 20, int seed = 0)
    {
        var w = Embedding(3, dim) * 1.5f;
        Keras.Utils.SetRandomSeed(seed);
        var t = rand(n, 1) * 2 - 1;
        return cat([t, t.square(), t.pow(3)], 1).matmul(w).sigmoid();
    }

    /// <summary>A 2-D surface: (u, v) ~ U(−1, 1)² → sigmoid([u, v, u², v², uv]·W), W ~ N(0, 1) of shape (5, dim).</summary>
    public static Tensor Surface(int n, int dim = 20, int seed = 0)
    {
        var w = Embedding(5, dim);
        Keras.Utils.SetRandomSeed(seed);
        var u = rand(n, 1) * 2 - 1;
        var v = rand(n, 1) * 2 - 1;
        return cat([u, v, u.square(), v.square(), u * v], 1).matmul(w).sigmoid();
    }

    private static Tensor Embedding(int rows, int dim)
    {
        Keras.Utils.SetRandomSeed(12345);
        return randn(rows, dim);
    }
}
