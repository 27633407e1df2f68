using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>
/// Recall <c>TP / (TP + FN)</c> (Keras <c>keras.metrics.Recall</c>): a prediction is positive when it is above
/// the threshold (and, with <see cref="TopK"/>, among the k highest of its row); a label is positive when non-zero.
/// Sample weights weight each entry; counts accumulate across batches until <see cref="ResetState"/>.
/// </summary>
public sealed class Recall : Metric
{
    private readonly ConfusionCounts _counts;
    private readonly ConfusionState _state = new();
    private readonly double[]? _initThresholds;

    /// <summary>Creates the metric.</summary>
    /// <param name="thresholds">
    /// Thresholds in [0, 1], one result each; null gives 0.5 (or, with <paramref name="topK"/>, no threshold). Use 0 for
    /// logits.
    /// </param>
    /// <param name="topK">Only the k highest predictions of each row can be positive.</param>
    /// <param name="classId">Only this class (an index of the last axis) is scored.</param>
    /// <param name="name">The name.</param>
    public Recall(double[]? thresholds = null, int? topK = null, int? classId = null, string name = "recall")
        : base(name)
    {
        Thresholds = ConfusionCounts.ParseThresholds(thresholds, topK);
        _initThresholds = thresholds?.ToArray();
        _counts = new ConfusionCounts(Thresholds);
        TopK = topK;
        ClassId = classId;
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

    /// <summary>Gets the thresholds in use.</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>Gets the top-k restriction, if any.</summary>
    public int? TopK { get; }

    /// <summary>Gets the scored class, if any.</summary>
    public int? ClassId { get; }

    /// <inheritdoc/>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        ThrowIfDisposed();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _state.Add(_counts.Update(yTrue, yPred, sampleWeight, TopK, ClassId));
    }

    /// <summary>Returns the recall at the first threshold (the only one unless several were given).</summary>
    public override double Result() => Results()[0];

    /// <summary>Returns the recall at each threshold, in the order given.</summary>
    public double[] Results() =>
        _state.Tp is null ? new double[Thresholds.Count] : ConfusionCounts.Ratio(_state.Tp, _state.Tp + _state.Fn!);

    /// <inheritdoc/>
    public override void ResetState() => _state.Reset();

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Tensor>? SummableState => _state.Tensors;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["thresholds"] = _initThresholds;
        c["top_k"] = TopK;
        c["class_id"] = ClassId;
        return c;
    }
}
