using DeepKeras.Optimizers;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Applications;

public class AnomalyDetectorTests
{
    // Reconstruction 0 everywhere: the MSE score of a sample is mean(x²), the MAE score mean(|x|).
    private static readonly Func<Tensor, Tensor> Zero = x => zeros_like(x);

    [Fact]
    public void FitThreshold_IsNumpyLinearPercentileOfNormalScores()
    {
        var detector = new DeepKeras.Applications.AnomalyDetector(Zero);
        var normal = tensor(new[] { 0.1f, 0.2f, 0.3f, 0.4f, 0.5f }).reshape(5, 1);

        // Scores 0.01, 0.04, 0.09, 0.16, 0.25. 50th percentile = 0.09; 90th: rank 0.9·4 = 3.6 → 0.16 + 0.6·0.09 = 0.214.
        TestData.Near(0.09, detector.FitThreshold(normal, 50), 1e-7, "p50");
        TestData.Near(0.214, detector.FitThreshold(normal, 90), 1e-7, "p90");
        Assert.Equal(0.214, detector.Threshold!.Value, 7);
        Assert.Equal(new[] { 0.01f, 0.04f, 0.09f, 0.16f, 0.25f }, TensorConvert.ToTensor(detector.Scores(normal), "s").data<float>().ToArray().Select(v => MathF.Round(v, 6)));
    }

    [Fact]
    public void Evaluate_CountsFlagsWithAnomaliesPositive()
    {
        var detector = new DeepKeras.Applications.AnomalyDetector(Zero) { Threshold = 0.09 };
        var normal = tensor(new[] { 0.1f, 0.35f }).reshape(2, 1);
        var anomalies = tensor(new[] { 0.2f, 0.6f, 0.9f }).reshape(3, 1);

        // Normal scores 0.01, 0.1225 → 1 false positive; anomaly scores 0.04, 0.36, 0.81 → 2 found, 1 missed.
        var r = detector.Evaluate(normal, anomalies);
        Assert.Equal((2L, 1L, 1L, 1L), (r.TruePositives, r.FalsePositives, r.TrueNegatives, r.FalseNegatives));
        TestData.Near(2.0 / 3, r.Precision, 1e-12, "precision");
        TestData.Near(2.0 / 3, r.Recall, 1e-12, "recall");
        TestData.Near(2.0 / 3, r.F1, 1e-12, "F1");
        Assert.Equal(new[] { false, true, true }, TensorConvert.ToTensor(detector.Predict(anomalies), "p").data<bool>().ToArray());
    }

    [Fact]
    public void MaeMetric_UsesAbsoluteErrors()
    {
        var detector = new DeepKeras.Applications.AnomalyDetector(Zero, metric: "mae");
        var scores = TensorConvert.ToTensor(detector.Scores(tensor(new float[,] { { -1, 3 }, { 0.5f, 0.5f } })), "s");

        // mean(|−1|, |3|) = 2; mean(0.5, 0.5) = 0.5.
        Assert.Equal(new[] { 2f, 0.5f }, scores.data<float>().ToArray());
        Assert.Throws<ArgumentException>(() => new DeepKeras.Applications.AnomalyDetector(Zero, metric: "rmse"));
    }

    [Fact]
    public void Evaluate_WithoutThreshold_Throws()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new DeepKeras.Applications.AnomalyDetector(Zero).Evaluate(ones(1, 1), ones(1, 1)));
        Assert.Contains("FitThreshold", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeepKeras.Applications.AnomalyDetector(Zero).FitThreshold(ones(3, 1), 101));
    }

    [Fact]
    public void Autoencoder_FindsOffManifoldPoints()
    {
        var normalTrain = ManifoldData.Surface(2000, dim: 20, seed: 20);
        var normalValidation = ManifoldData.Surface(500, dim: 20, seed: 21);
        var normalTest = ManifoldData.Surface(1000, dim: 20, seed: 22);
        Keras.Utils.SetRandomSeed(23);
        var anomalies = rand(100, 20);

        Keras.Utils.SetRandomSeed(24);
        var ae = DeepKeras.Applications.Autoencoder.Stacked(inputShape: 20, units: [32, 16, 4], activation: "tanh");
        ae.Compile(optimizer: new Adam(0.01), loss: "mse");
        ae.Fit(normalTrain, epochs: 20, batchSize: 100, verbose: 0);

        var detector = new DeepKeras.Applications.AnomalyDetector(ae);
        detector.FitThreshold(normalValidation, percentile: 99);
        var report = detector.Evaluate(normalTest, anomalies);

        // Uniform points in [0, 1]^20 lie far from the 2-D surface: all are flagged; about 1% of normal test points are.
        Assert.True(report.Recall >= 0.98, report.ToString());
        Assert.True(report.FalsePositives <= 30, report.ToString());
        Assert.True(report.Precision >= 0.75, report.ToString());
    }

    [Fact]
    public void Pca_AsLinearBaseline_FlagsOffSubspacePoints()
    {
        Keras.Utils.SetRandomSeed(30);
        var basis = randn(2, 10);
        var normal = randn(1000, 2).matmul(basis) + 0.01f * randn(1000, 10);
        var held = randn(1000, 2).matmul(basis) + 0.01f * randn(1000, 10);
        var anomalies = randn(50, 10);
        var detector = new DeepKeras.Applications.AnomalyDetector(new DeepKeras.Applications.Pca(2).Fit(normal));
        detector.FitThreshold(normal, 95);
        var report = detector.Evaluate(held, anomalies);

        // Residual noise 0.01²: normal scores ≈ 1e-4 with the 95th percentile as threshold → about 5% false positives.
        Assert.Equal(50, report.TruePositives);
        Assert.InRange(report.FalsePositives, 20, 90);
        TestData.Near(50.0 / (50 + report.FalsePositives), report.Precision, 1e-12, "precision");
    }
}
