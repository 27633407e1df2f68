using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Rnn;

/// <summary>Fixed weights and plain-C# arithmetic for checking recurrent layers by hand.</summary>
internal static class RnnTestUtil
{
    /// <summary>A deterministic, varied pattern of values in about [−scale, scale].</summary>
    public static float[] Pattern(int n, double scale = 0.5, int offset = 0) =>
        Enumerable.Range(0, n).Select(i => (float)Math.Round(Math.Sin(1.3 * (i + offset) + 0.7) * scale, 4)).ToArray();

    /// <summary>A float32 tensor of the given shape.</summary>
    public static Tensor T(float[] data, params long[] shape) => tensor(data, shape, dtype: float32);

    /// <summary>The values of a tensor, row-major.</summary>
    public static float[] Values(Tensor t) => t.detach().contiguous().data<float>().ToArray();

    /// <summary>Row-major float data as a matrix.</summary>
    public static double[,] Mat(float[] data, int rows, int cols)
    {
        var m = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                m[i, j] = data[i * cols + j];
            }
        }

        return m;
    }

    /// <summary>Row vector times matrix: <c>v · M</c>.</summary>
    public static double[] Dot(double[] v, double[,] m)
    {
        var r = new double[m.GetLength(1)];
        for (var j = 0; j < r.Length; j++)
        {
            for (var i = 0; i < v.Length; i++)
            {
                r[j] += v[i] * m[i, j];
            }
        }

        return r;
    }

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Elements <c>[start, start + count)</c> of a vector.</summary>
    public static double[] Slice(double[] v, int start, int count) => v.Skip(start).Take(count).ToArray();

    /// <summary>Asserts two sequences agree element-wise within a tolerance.</summary>
    public static void AllNear(IEnumerable<double> expected, IEnumerable<float> actual, double tol = 1e-5, string what = "value")
    {
        var e = expected.ToArray();
        var a = actual.ToArray();
        Assert.Equal(e.Length, a.Length);
        for (var i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= tol, $"{what}[{i}]: expected {e[i]}, got {a[i]} (tol {tol})");
        }
    }

    /// <summary>Asserts two tensors agree element-wise within a tolerance.</summary>
    public static void AllClose(Tensor expected, Tensor actual, double tol = 1e-5, string what = "value")
    {
        Assert.Equal(expected.shape, actual.shape);
        AllNear(Values(expected).Select(v => (double)v), Values(actual), tol, what);
    }
}
