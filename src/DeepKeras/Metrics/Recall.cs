namespace DeepKeras.Metrics;

/// <summary>
/// Recall <c>TP / (TP + FN)</c> (Keras <c>keras.metrics.Recall</c>): a prediction is positive when it is above
/// the threshold (and, with <see cref="ConfusionRatioMetric.TopK"/>, among the k highest of its row); a label is positive when non-zero.
/// Sample weights weight each entry; counts accumulate across batches until <see cref="Metric.ResetState"/>.
/// </summary>
public sealed class Recall : ConfusionRatioMetric
{
    /// <summary>Creates the metric.</summary>
    /// <param name="thresholds">
    /// Thresholds in [0, 1], one result each; null gives 0.5 (or, with <paramref name="topK"/>, no threshold). Use 0 for
    /// logits.
    /// </param>
    /// <param name="topK">Only the k highest predictions of each row can be positive.</param>
    /// <param name="classId">Only this class (an index of the last axis) is scored.</param>
    /// <param name="name">The name.</param>
    public Recall(double[]? thresholds = null, int? topK = null, int? classId = null, string name = "recall")
        : base(thresholds, topK, classId, name)
    {
    }

    /// <summary>Creates the metric with one threshold.</summary>
    /// <param name="thresholds">The threshold in [0, 1] (0 for logits).</param>
    /// <param name="topK">Only the k highest predictions of each row can be positive.</param>
    /// <param name="classId">Only this class is scored.</param>
    /// <param name="name">The name.</param>
    public Recall(double thresholds, int? topK = null, int? classId = null, string name = "recall")
        : this([thresholds], topK, classId, name)
    {
    }

    /// <inheritdoc/>
    private protected override Tensor OtherCount(ConfusionState state) => state.Fn!;
}
