namespace DeepKeras;

public static partial class Applications
{
    /// <summary>The result of <see cref="AnomalyDetector.Evaluate"/>: confusion counts with anomalies as the positive class.</summary>
    /// <param name="TruePositives">Anomalies flagged.</param>
    /// <param name="FalsePositives">Normal samples flagged.</param>
    /// <param name="TrueNegatives">Normal samples not flagged.</param>
    /// <param name="FalseNegatives">Anomalies missed.</param>
    /// <param name="Threshold">The score threshold used.</param>
    public sealed record AnomalyReport(long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives, double Threshold)
    {
        /// <summary>Gets TP / (TP + FP): the fraction of flagged samples that are anomalies (0 when nothing is flagged).</summary>
        public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

        /// <summary>Gets TP / (TP + FN): the fraction of anomalies flagged (0 when there are none).</summary>
        public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

        /// <summary>Gets the harmonic mean of precision and recall.</summary>
        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

        /// <inheritdoc/>
        public override string ToString() =>
            $"threshold {Threshold:G4}: precision {Precision:0.000}, recall {Recall:0.000}, F1 {F1:0.000} (TP {TruePositives}, FP {FalsePositives}, TN {TrueNegatives}, FN {FalseNegatives})";
    }
}
