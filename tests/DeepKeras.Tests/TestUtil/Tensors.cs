using static TorchSharp.torch;

namespace DeepKeras.Tests.TestUtil;

/// <summary>Short tensor builders and readers for numeric tests.</summary>
internal static class Tensors
{
    /// <summary>A float32 vector.</summary>
    public static Tensor T(params float[] values) => tensor(values);

    /// <summary>A float32 matrix.</summary>
    public static Tensor T(float[,] values) => tensor(values);

    /// <summary>An int64 vector (integer labels).</summary>
    public static Tensor L(params long[] values) => tensor(values);

    /// <summary>An int64 matrix.</summary>
    public static Tensor L(long[,] values) => tensor(values);

    /// <summary>The values of a tensor as doubles (row-major).</summary>
    public static double[] Values(Tensor t) => t.detach().to(float64).cpu().data<double>().ToArray();

    /// <summary>The value of a one-element tensor.</summary>
    public static double Scalar(Tensor t) => t.detach().to(float64).cpu().item<double>();

    /// <summary>Asserts element-wise closeness.</summary>
    public static void Near(double[] expected, Tensor actual, double tol = 1e-5)
    {
        var a = Values(actual);
        Assert.Equal(expected.Length, a.Length);
        for (var i = 0; i < a.Length; i++)
        {
            TestData.Near(expected[i], a[i], tol, $"element {i}");
        }
    }

    /// <summary>Asserts a one-element tensor is close to a value.</summary>
    public static void Near(double expected, Tensor actual, double tol = 1e-5) => TestData.Near(expected, Scalar(actual), tol);

    /// <summary>Keras's ε as the float32 value the library clips with.</summary>
    public static double Eps => (double)1e-7f;

    /// <summary>1 − ε rounded to float32, the upper clip of probabilities.</summary>
    public static double OneMinusEps => (double)(float)(1 - (double)1e-7f);
}
