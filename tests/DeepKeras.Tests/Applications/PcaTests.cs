using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Applications;

public class PcaTests
{
    private static Tensor T(NumSharp.NDArray a) => TensorConvert.ToTensor(a, "a");

    [Fact]
    public void Fit_PointsOnALine_OneComponentReconstructsExactly()
    {
        var x = tensor(new float[,] { { 0, 0 }, { 1, 1 }, { 2, 2 } });
        var pca = new DeepKeras.Applications.Pca(1).Fit(x);

        // Mean (1, 1); direction ±(1, 1)/√2; the code of (2, 2) is ±√2; all variance on one component.
        Assert.Equal(new[] { 1f, 1f }, T(pca.Mean).data<float>().ToArray());
        var c = T(pca.Components).data<float>().ToArray();
        TestData.Near(Math.Sqrt(0.5), Math.Abs(c[0]), 1e-5, "component x");
        TestData.Near(c[0], c[1], 1e-5, "component y");
        var code = T(pca.Encode(tensor(new float[,] { { 2, 2 } }))).item<float>();
        TestData.Near(Math.Sqrt(2), Math.Abs(code), 1e-5, "code");
        Assert.True(allclose(T(pca.Decode(tensor(new[,] { { code } }))), tensor(new float[,] { { 2, 2 } }), atol: 1e-5));
        TestData.Near(1, pca.ExplainedVarianceRatio[0], 1e-6, "explained variance");
        TestData.Near(0, pca.ReconstructionMse(x), 1e-10, "MSE");
    }

    [Fact]
    public void Fit_TwoDirections_KeepsTheLargerVarianceAndReportsTheLoss()
    {
        var x = tensor(new float[,] { { -1, 0 }, { 1, 0 }, { 0, 0.5f }, { 0, -0.5f } });
        var pca = new DeepKeras.Applications.Pca(1).Fit(x);

        // Variances 0.5 (x) and 0.125 (y): component ±(1, 0), ratio 0.5/0.625 = 0.8. The y values ±0.5 are lost:
        // MSE = (0.25 + 0.25) / 8 values = 0.0625.
        var c = T(pca.Components).data<float>().ToArray();
        TestData.Near(1, Math.Abs(c[0]), 1e-6, "component x");
        TestData.Near(0, c[1], 1e-6, "component y");
        TestData.Near(0.8, pca.ExplainedVarianceRatio[0], 1e-6, "ratio");
        TestData.Near(0.0625, pca.ReconstructionMse(x), 1e-7, "MSE");
        Assert.True(allclose(T(pca.Reconstruct(x)), tensor(new float[,] { { -1, 0 }, { 1, 0 }, { 0, 0 }, { 0, 0 } }), atol: 1e-6));
    }

    [Fact]
    public void Fit_RankKData_KComponentsAreLossless_SampleShapeRestored()
    {
        Keras.Utils.SetRandomSeed(0);
        var x = (randn(200, 3).matmul(randn(3, 12)) + 5).reshape(200, 3, 4);
        var pca = new DeepKeras.Applications.Pca(3).Fit(x);
        Assert.True(pca.ReconstructionMse(x) < 1e-8, $"MSE {pca.ReconstructionMse(x)}");
        TestData.Near(1, pca.ExplainedVarianceRatio.Sum(), 1e-5, "ratio sum");
        Assert.Equal([200L, 3L], T(pca.Encode(x)).shape);
        Assert.Equal([200L, 3L, 4L], T(pca.Reconstruct(x)).shape);
    }

    [Fact]
    public void Errors_AreClear()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeepKeras.Applications.Pca(0));
        var pca = new DeepKeras.Applications.Pca(3);
        var e = Assert.Throws<InvalidOperationException>(() => pca.Encode(ones(2, 2)));
        Assert.Contains("not fitted", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => pca.Fit(ones(10, 2)));
        Assert.Contains("min(10, 2)", e2.Message);
        pca.Fit(randn(10, 4));
        var e3 = Assert.Throws<ArgumentException>(() => pca.Encode(ones(2, 5)));
        Assert.Contains("fitted on 4 features", e3.Message);
    }
}
