using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.TestUtil;

/// <summary>Builds small NHWC tensors from hand-written arrays and reads them back, for layer tests.</summary>
internal static class Images
{
    /// <summary>One single-channel image <c>(1, H, W, 1)</c>.</summary>
    public static Tensor Gray(float[,] a) => Channels(a);

    /// <summary>One image with the given channel planes <c>(1, H, W, C)</c>.</summary>
    public static Tensor Channels(params float[][,] planes)
    {
        int h = planes[0].GetLength(0), w = planes[0].GetLength(1), c = planes.Length;
        var data = new float[h * w * c];
        for (var i = 0; i < h; i++)
        {
            for (var j = 0; j < w; j++)
            {
                for (var k = 0; k < c; k++)
                {
                    data[(((i * w) + j) * c) + k] = planes[k][i, j];
                }
            }
        }

        return tensor(data, [1, h, w, c]);
    }

    /// <summary>Channel <paramref name="channel"/> of the first image of an NHWC tensor.</summary>
    public static float[,] Plane(Tensor t, int channel = 0)
    {
        var p = t[0, .., .., channel].contiguous();
        var v = p.data<float>().ToArray();
        int h = (int)p.shape[0], w = (int)p.shape[1];
        var a = new float[h, w];
        for (var i = 0; i < h; i++)
        {
            for (var j = 0; j < w; j++)
            {
                a[i, j] = v[(i * w) + j];
            }
        }

        return a;
    }

    /// <summary>Asserts two matrices match element by element within <paramref name="tol"/>.</summary>
    public static void AssertClose(float[,] expected, float[,] actual, double tol = 1e-4)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (var i = 0; i < expected.GetLength(0); i++)
        {
            for (var j = 0; j < expected.GetLength(1); j++)
            {
                Assert.True(Math.Abs(expected[i, j] - actual[i, j]) <= tol,
                    $"[{i},{j}]: expected {expected[i, j]}, got {actual[i, j]}");
            }
        }
    }

    /// <summary>Asserts two vectors match element by element within <paramref name="tol"/>.</summary>
    public static void AssertClose(IReadOnlyList<float> expected, Tensor actual, double tol = 1e-4)
    {
        var v = actual.contiguous().data<float>().ToArray();
        Assert.Equal(expected.Count, v.Length);
        for (var i = 0; i < v.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - v[i]) <= tol, $"[{i}]: expected {expected[i]}, got {v[i]}");
        }
    }

    /// <summary>Builds a layer for an input shape (batch axis included) so its weights can be assigned.</summary>
    public static T Built<T>(T layer, Shape inputShape)
        where T : Layer
    {
        layer.MaybeBuild([inputShape]);
        return layer;
    }

    /// <summary>A tensor of the given shape from values in row-major order.</summary>
    public static Tensor Of(long[] shape, params float[] values) => tensor(values, shape);
}
