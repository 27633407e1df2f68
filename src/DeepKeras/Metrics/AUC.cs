using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>
/// Area under the ROC or precision-recall curve, approximated by a Riemann sum over <c>numThresholds</c> evenly spaced
/// thresholds (Keras <c>keras.metrics.AUC</c>). The thresholds are <c>−ε, 1/(n−1), …, (n−2)/(n−1), 1+ε</c>, so
/// predictions of exactly 0 and 1 fall inside; counts accumulate across batches until <see cref="ResetState"/>.
/// </summary>
public sealed class AUC : Metric
{
    private readonly ConfusionCounts _counts;
    private readonly ConfusionState _state = new();
    private readonly double[]? _initThresholds;
    private readonly double[]? _labelWeights;

    /// <summary>Creates the metric.</summary>
    /// <param name="numThresholds">Number of thresholds, &gt; 1 (default 200); ignored when <paramref name="thresholds"/> is given.</param>
    /// <param name="curve">ROC (default), PR or PRGain.</param>
    /// <param name="summationMethod">Interpolation (default), Majoring or Minoring.</param>
    /// <param name="name">The name.</param>
    /// <param name="thresholds">Explicit inner thresholds in [0, 1]; −ε and 1+ε are added.</param>
    /// <param name="multiLabel">
    /// Whether each column of <c>(batch, labels)</c> data is its own binary problem, the result being the mean of the
    /// per-label AUCs; false (default) flattens all entries into one problem.
    /// </param>
    /// <param name="numLabels">The number of labels, checked on update; only with <paramref name="multiLabel"/>.</param>
    /// <param name="labelWeights">Per-label weights: for the mean of label AUCs (multi-label) or for the entries (flattened).</param>
    /// <param name="fromLogits">Whether predictions are logits (a sigmoid is applied first).</param>
    public AUC(int numThresholds = 200, AUCCurve curve = AUCCurve.ROC, AUCSummationMethod summationMethod = AUCSummationMethod.Interpolation,
        string name = "auc", double[]? thresholds = null, bool multiLabel = false, int? numLabels = null, double[]? labelWeights = null,
        bool fromLogits = false)
        : base(name)
    {
        if (thresholds is null && numThresholds <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numThresholds), numThresholds,
                $"Argument `num_thresholds` must be an integer > 1. Received: num_thresholds={numThresholds}");
        }

        if (numLabels is not null && !multiLabel)
        {
            throw new ArgumentException("`num_labels` is needed only when `multi_label` is True.", nameof(numLabels));
        }

        var inner = thresholds is null
            ? Enumerable.Range(1, numThresholds - 2).Select(i => i / (double)(numThresholds - 1)).ToArray()
            : ConfusionCounts.ParseThresholds(thresholds, null).Order().ToArray();
        var eps = (double)Keras.Backend.Epsilon;
        Thresholds = [-eps, .. inner, 1 + eps];
        NumThresholds = Thresholds.Count;
        _initThresholds = thresholds?.ToArray();
        _labelWeights = labelWeights?.ToArray();
        _counts = new ConfusionCounts(Thresholds);
        Curve = curve;
        SummationMethod = summationMethod;
        MultiLabel = multiLabel;
        NumLabels = numLabels;
        FromLogits = fromLogits;
    }

    /// <summary>Gets the number of thresholds, end points included.</summary>
    public int NumThresholds { get; }

    /// <summary>Gets the thresholds, end points included.</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>Gets the curve.</summary>
    public AUCCurve Curve { get; }

    /// <summary>Gets the Riemann summation method.</summary>
    public AUCSummationMethod SummationMethod { get; }

    /// <summary>Gets whether labels are scored separately.</summary>
    public bool MultiLabel { get; }

    /// <summary>Gets the expected number of labels, if given.</summary>
    public int? NumLabels { get; }

    /// <summary>Gets whether predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <inheritdoc/>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        ThrowIfDisposed();
        if (MultiLabel && yPred.dim() != 2)
        {
            throw new ArgumentException(
                $"`y_pred` must have rank 2 when `multi_label=True`. Found rank {yPred.dim()}. Full shape received for `y_pred`: {(Shape)yPred.shape}");
        }

        if (NumLabels is { } n && yPred.shape[1] != n)
        {
            throw new ArgumentException($"AUC was created with num_labels={n} but received y_pred of shape {(Shape)yPred.shape}.");
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var pred = FromLogits ? yPred.sigmoid() : yPred;
        var weights = MultiLabel || _labelWeights is null ? null : tensor(_labelWeights, dtype: float64);
        _state.Add(_counts.Update(yTrue, pred, sampleWeight, multiLabel: MultiLabel, labelWeights: weights));
    }

    /// <inheritdoc/>
    public override double Result()
    {
        if (_state.Tp is null)
        {
            return 0;
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var terms = Curve == AUCCurve.PR && SummationMethod == AUCSummationMethod.Interpolation
            ? AucMath.InterpolatedPrTerms(_state.Tp, _state.Fp!, _state.Fn!)
            : AucMath.RiemannTerms(_state.Tp, _state.Fp!, _state.Tn!, _state.Fn!, Curve, SummationMethod);
        if (!MultiLabel)
        {
            return terms.sum().item<double>();
        }

        var byLabel = terms.sum(dim: 0);
        if (_labelWeights is null)
        {
            return byLabel.mean().item<double>();
        }

        var w = tensor(_labelWeights, dtype: float64, device: byLabel.device);
        var total = w.sum().item<double>();
        return total == 0 ? 0 : (byLabel * w).sum().item<double>() / total;
    }

    /// <inheritdoc/>
    public override void ResetState() => _state.Reset();

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Tensor>? SummableState => _state.Tensors;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["num_thresholds"] = NumThresholds;
        c["curve"] = Curve switch { AUCCurve.PR => "PR", AUCCurve.PRGain => "PRGAIN", _ => "ROC" };
        c["summation_method"] = SummationMethod.ToString().ToLowerInvariant();
        c["multi_label"] = MultiLabel;
        c["num_labels"] = NumLabels;
        c["label_weights"] = _labelWeights;
        c["from_logits"] = FromLogits;
        if (_initThresholds is not null)
        {
            c["thresholds"] = Thresholds.Skip(1).Take(NumThresholds - 2).ToArray();
        }

        return c;
    }
}
