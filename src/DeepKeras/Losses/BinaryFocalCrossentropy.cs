using static TorchSharp.torch;

namespace DeepKeras.Losses;

/// <summary>
/// Binary focal cross-entropy (Keras <c>BinaryFocalCrossentropy</c>, Lin et al. 2018): binary cross-entropy scaled by
/// <c>(1 − p_t)^γ</c>, with <c>p_t = y·p + (1−y)·(1−p)</c>, so easy examples weigh less; optionally also by
/// <c>α</c> for class 1 and <c>1 − α</c> for class 0. Averaged over the last axis.
/// </summary>
public sealed class BinaryFocalCrossentropy : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="applyClassBalancing">Whether to weight class 1 by <paramref name="alpha"/> and class 0 by <c>1 − alpha</c>.</param>
    /// <param name="alpha">The class-1 weight in [0, 1] (default 0.25), used with <paramref name="applyClassBalancing"/>.</param>
    /// <param name="gamma">The focusing parameter, ≥ 0 (default 2); 0 gives plain binary cross-entropy.</param>
    /// <param name="fromLogits">Whether <c>y_pred</c> holds logits.</param>
    /// <param name="labelSmoothing">In [0, 1]: targets become <c>y·(1−s) + 0.5·s</c>.</param>
    /// <param name="axis">The axis the mean is taken over (default −1).</param>
    /// <param name="reduction">Reduction.</param>
    /// <param name="name">Name.</param>
    public BinaryFocalCrossentropy(bool applyClassBalancing = false, double alpha = 0.25, double gamma = 2.0, bool fromLogits = false,
        double labelSmoothing = 0, int axis = -1, Reduction reduction = Reduction.SumOverBatchSize, string name = "binary_focal_crossentropy")
        : base(name, reduction)
    {
        LossUtils.CheckLabelSmoothing(labelSmoothing);
        if (!(gamma >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma,
                $"Received an invalid value for `gamma`, expected a non-negative number. Received: gamma={gamma}");
        }

        ApplyClassBalancing = applyClassBalancing;
        Alpha = alpha;
        Gamma = gamma;
        FromLogits = fromLogits;
        LabelSmoothing = labelSmoothing;
        Axis = axis;
    }

    /// <summary>Gets whether class balancing by <see cref="Alpha"/> is applied.</summary>
    public bool ApplyClassBalancing { get; }

    /// <summary>Gets the class-1 weight.</summary>
    public double Alpha { get; }

    /// <summary>Gets the focusing parameter.</summary>
    public double Gamma { get; }

    /// <summary>Gets whether predictions are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>Gets the label smoothing factor.</summary>
    public double LabelSmoothing { get; }

    /// <summary>Gets the axis the mean is taken over.</summary>
    public int Axis { get; }

    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred) =>
        LossFunctions.BinaryFocalCrossentropy(yTrue, yPred, ApplyClassBalancing, Alpha, Gamma, FromLogits, LabelSmoothing, Axis);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["from_logits"] = FromLogits;
        c["label_smoothing"] = LabelSmoothing;
        c["axis"] = Axis;
        c["apply_class_balancing"] = ApplyClassBalancing;
        c["alpha"] = Alpha;
        c["gamma"] = Gamma;
        return c;
    }
}

public static partial class LossFunctions
{
    /// <summary>
    /// Keras <c>binary_focal_crossentropy</c>: <c>mean((1 − p_t)^γ · bce)</c> over <paramref name="axis"/>, times
    /// <c>α·y + (1−α)·(1−y)</c> when <paramref name="applyClassBalancing"/>. Logits are turned into probabilities with a
    /// sigmoid first, then clipped like <see cref="BinaryCrossentropy(Tensor, Tensor, bool, double, int)"/>.
    /// </summary>
    /// <param name="yTrue">Targets in [0, 1].</param>
    /// <param name="yPred">Probabilities, or logits when <paramref name="fromLogits"/>.</param>
    /// <param name="applyClassBalancing">Whether to apply the α weighting.</param>
    /// <param name="alpha">The class-1 weight (default 0.25).</param>
    /// <param name="gamma">The focusing parameter (default 2).</param>
    /// <param name="fromLogits">Whether <paramref name="yPred"/> holds logits.</param>
    /// <param name="labelSmoothing">In [0, 1]: targets become <c>y·(1−s) + 0.5·s</c>.</param>
    /// <param name="axis">The axis the mean is taken over (default −1).</param>
    /// <returns>One value per sample.</returns>
    public static Tensor BinaryFocalCrossentropy(Tensor yTrue, Tensor yPred, bool applyClassBalancing = false, double alpha = 0.25,
        double gamma = 2.0, bool fromLogits = false, double labelSmoothing = 0, int axis = -1)
    {
        LossUtils.CheckLabelSmoothing(labelSmoothing);
        (yTrue, yPred) = LossUtils.Prepare(yTrue, yPred);
        LossUtils.CheckSameShape(yTrue, yPred, "binary_focal_crossentropy");
        using var s = new ScalarScope();
        var one = ScalarScope.One;
        if (labelSmoothing > 0)
        {
            yTrue = yTrue.mul(s.Of(1 - labelSmoothing)).add(s.Of(0.5 * labelSmoothing), one);
        }

        if (fromLogits)
        {
            yPred = yPred.sigmoid();
        }

        var bce = LossUtils.BinaryCrossentropyElementwise(yTrue, yPred, fromLogits: false);
        var pT = yTrue.mul(yPred).add(LossUtils.OneMinus(yTrue).mul(LossUtils.OneMinus(yPred)), one);
        var focal = LossUtils.OneMinus(pT).pow(s.Of(gamma)).mul(bce);
        if (applyClassBalancing)
        {
            focal = yTrue.mul(s.Of(alpha)).add(LossUtils.OneMinus(yTrue).mul(s.Of(1 - alpha)), one).mul(focal);
        }

        return focal.mean([axis]);
    }
}
