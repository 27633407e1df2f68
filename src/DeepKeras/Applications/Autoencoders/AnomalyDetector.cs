using DeepKeras.Training;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Applications
{
    /// <summary>
    /// Outlier detection from reconstruction error: a model trained to reconstruct normal data reconstructs anomalies
    /// badly, so a sample whose error exceeds a threshold — a percentile of the errors on normal data — is flagged.
    /// </summary>
    /// <example><code>
    /// var detector = new Applications.AnomalyDetector(autoencoder);
    /// detector.FitThreshold(xNormalValidation, percentile: 95);
    /// var report = detector.Evaluate(xNormalTest, xAnomalies);
    /// Console.WriteLine($"precision {report.Precision:P1}, recall {report.Recall:P1}");
    /// </code></example>
    public sealed class AnomalyDetector
    {
        private readonly Func<Tensor, Tensor> _reconstruct;

        /// <summary>Creates a detector from any reconstruction function.</summary>
        /// <param name="reconstruct">Maps a batch of samples to their reconstructions (same shape).</param>
        /// <param name="metric">Per-sample error: <c>"mse"</c> (default, mean squared error) or <c>"mae"</c> (mean absolute error).</param>
        /// <exception cref="ArgumentException"><paramref name="metric"/> is unknown.</exception>
        public AnomalyDetector(Func<Tensor, Tensor> reconstruct, string metric = "mse")
        {
            _reconstruct = reconstruct ?? throw new ArgumentNullException(nameof(reconstruct));
            Metric = metric is "mse" or "mae"
                ? metric
                : throw new ArgumentException($"Unknown `metric`: '{metric}'. Expected one of: mse, mae.", nameof(metric));
        }

        /// <summary>Creates a detector scoring with an autoencoder's reconstruction error.</summary>
        /// <param name="autoencoder">A trained autoencoder.</param>
        /// <param name="metric"><c>"mse"</c> (default) or <c>"mae"</c>.</param>
        public AnomalyDetector(Autoencoder autoencoder, string metric = "mse")
            : this((autoencoder ?? throw new ArgumentNullException(nameof(autoencoder))).ReconstructTensor, metric)
        {
        }

        /// <summary>Creates a detector scoring with a PCA's reconstruction error (the linear baseline).</summary>
        /// <param name="pca">A fitted PCA.</param>
        /// <param name="metric"><c>"mse"</c> (default) or <c>"mae"</c>.</param>
        public AnomalyDetector(Pca pca, string metric = "mse")
            : this((pca ?? throw new ArgumentNullException(nameof(pca))).ReconstructTensor, metric)
        {
        }

        /// <summary>Gets the per-sample error: <c>mse</c> or <c>mae</c>.</summary>
        public string Metric { get; }

        /// <summary>Gets the error above which a sample is an anomaly, set by <see cref="FitThreshold"/> or by hand.</summary>
        public double? Threshold { get; set; }

        /// <summary>Computes each sample's reconstruction error.</summary>
        /// <param name="x">Samples.</param>
        /// <returns>One score per sample, shape (n,).</returns>
        public NDArray Scores(ArrayLike x)
        {
            using var scope = NewDisposeScope();
            return TensorConvert.ToNDArray(ScoresTensor(x, "x"));
        }

        /// <summary>
        /// Sets <see cref="Threshold"/> to a percentile of the scores of normal samples (linear interpolation, as
        /// <c>numpy.percentile</c>): with 95, about 5% of normal data is flagged.
        /// </summary>
        /// <param name="normal">Normal samples, preferably not those the model was trained on.</param>
        /// <param name="percentile">The percentile in [0, 100] (default 95).</param>
        /// <returns>The threshold.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="percentile"/> is outside [0, 100].</exception>
        public double FitThreshold(ArrayLike normal, double percentile = 95)
        {
            if (percentile is < 0 or > 100 || double.IsNaN(percentile))
            {
                throw new ArgumentOutOfRangeException(nameof(percentile), percentile, $"Expected `percentile` in [0, 100]. Received: percentile={percentile}");
            }

            using var scope = NewDisposeScope();
            var scores = ScoresTensor(normal, nameof(normal)).to(float64);
            Threshold = scores.quantile(percentile / 100.0).item<double>();
            return Threshold.Value;
        }

        /// <summary>Flags samples whose score exceeds <see cref="Threshold"/>.</summary>
        /// <param name="x">Samples.</param>
        /// <returns>One boolean per sample: true for an anomaly.</returns>
        /// <exception cref="InvalidOperationException">No threshold is set.</exception>
        public NDArray Predict(ArrayLike x)
        {
            var threshold = RequireThreshold();
            using var scope = NewDisposeScope();
            return TensorConvert.ToNDArray(ScoresTensor(x, "x").to(float64) > threshold);
        }

        /// <summary>
        /// Scores held-out normal samples and anomalies and counts the flags, anomalies being the positive class.
        /// </summary>
        /// <param name="normal">Normal samples (negatives).</param>
        /// <param name="anomalies">Anomalous samples (positives).</param>
        /// <returns>The confusion counts with precision, recall and F1.</returns>
        /// <exception cref="InvalidOperationException">No threshold is set.</exception>
        public AnomalyReport Evaluate(ArrayLike normal, ArrayLike anomalies)
        {
            var threshold = RequireThreshold();
            using var scope = NewDisposeScope();
            var falsePositives = (ScoresTensor(normal, nameof(normal)).to(float64) > threshold);
            var truePositives = (ScoresTensor(anomalies, nameof(anomalies)).to(float64) > threshold);
            var fp = falsePositives.sum().item<long>();
            var tp = truePositives.sum().item<long>();
            return new AnomalyReport(tp, fp, falsePositives.shape[0] - fp, truePositives.shape[0] - tp, threshold);
        }

        private double RequireThreshold() => Threshold
            ?? throw new InvalidOperationException("No anomaly threshold: call `FitThreshold(normal)` or set `Threshold` first.");

        private Tensor ScoresTensor(ArrayLike x, string name)
        {
            using var noGrad = no_grad();
            var data = DataPrep.PrepareX(x.ToTensors(name), name)[0];
            var reconstruction = _reconstruct(data);
            var diff = (data.to(reconstruction.device).reshape(reconstruction.shape) - reconstruction).reshape(data.shape[0], -1);
            return (Metric == "mse" ? diff.square() : diff.abs()).mean([1]).cpu();
        }
    }
}
