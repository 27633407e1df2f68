using DeepKeras.Losses;
namespace DeepKeras.Metrics;

/// <summary>
/// Base of <see cref="Precision"/> and <see cref="Recall"/>: counts true positives, false positives and false negatives
/// at each threshold (with the <c>thresholds</c>/<c>top_k</c>/<c>class_id</c> rules of Keras's
/// <c>update_confusion_matrix_variables</c>) and reports <c>TP / (TP + other)</c>, where the other count is chosen by
/// the subclass.
/// </summary>
public abstract class ConfusionRatioMetric : Metric
{
    private readonly ConfusionCounts _counts;
    private readonly ConfusionState _state = new();
    private readonly double[]? _initThresholds;

    private protected ConfusionRatioMetric(double[]? thresholds, int? topK, int? classId, string name)
        : base(name)
    {
        Thresholds = ConfusionCounts.ParseThresholds(thresholds, topK);
        _initThresholds = thresholds?.ToArray();
        _counts = new ConfusionCounts(Thresholds);
        TopK = topK;
        ClassId = classId;
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

    /// <summary>Returns the metric at the first threshold (the only one unless several were given).</summary>
    public override double Result() => Results()[0];

    /// <summary>Returns the metric at each threshold, in the order given.</summary>
    public double[] Results() =>
        _state.Tp is null ? new double[Thresholds.Count] : ConfusionCounts.Ratio(_state.Tp, LossUtils.Plus(_state.Tp, OtherCount(_state)));

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

    /// <summary>The count added to the true positives in the denominator (false positives or false negatives).</summary>
    private protected abstract Tensor OtherCount(ConfusionState state);
}
