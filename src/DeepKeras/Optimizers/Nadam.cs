using static TorchSharp.torch;

namespace DeepKeras.Optimizers;

/// <summary>
/// Nadam, Adam with Nesterov momentum (Keras <c>Nadam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)</c>),
/// with Keras's momentum schedule <c>μₜ = β₁(1 − ½·0.96ᵗ)</c> (not PyTorch's <c>0.96^(0.004t)</c>) and the running
/// product <c>Πₜ = μ₁⋯μₜ</c>:
/// <c>m += (g − m)(1−β₁); v += (g² − v)(1−β₂); m̂ = μₜ₊₁m/(1 − Πₜμₜ₊₁) + (1 − μₜ)g/(1 − Πₜ); v̂ = v/(1 − β₂ᵗ);
/// w −= lr·m̂/(√v̂ + ε)</c>.
/// </summary>
public sealed class Nadam : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Learning rate or schedule (default 0.001).</param>
    /// <param name="beta1">Decay of the first moment (default 0.9).</param>
    /// <param name="beta2">Decay of the second moment (default 0.999).</param>
    /// <param name="epsilon">Small constant (default 1e-7).</param>
    /// <param name="weightDecay">Decoupled weight decay.</param>
    /// <param name="clipnorm">Per-gradient norm clip.</param>
    /// <param name="clipvalue">Element-wise clip.</param>
    /// <param name="globalClipnorm">Global norm clip.</param>
    /// <param name="name">Name (default <c>nadam</c>, made unique).</param>
    public Nadam(LearningRateArg? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        string? name = null)
        : base(learningRate ?? 0.001, name, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>Gets beta_1.</summary>
    public double Beta1 { get; }

    /// <summary>Gets beta_2.</summary>
    public double Beta2 { get; }

    /// <summary>Gets epsilon.</summary>
    public double Epsilon { get; }

    /// <summary>Gets the product of the momentum schedule up to the last step, Πₜ (Keras <c>_u_product</c>, part of the optimizer state; 1 before any step).</summary>
    public double UProduct { get; internal set; } = 1.0;

    /// <inheritdoc/>
    internal override double[] ExtraState
    {
        get => [UProduct];
        set => UProduct = value.Length == 1 ? value[0] : throw new ArgumentException($"Nadam keeps one extra state value (u_product); received {value.Length}.");
    }

    /// <inheritdoc/>
    protected override Tensor[] CreateSlots(Variable variable) => [ZerosLike(variable), ZerosLike(variable)];

    /// <inheritdoc/>
    protected override void PrepareUpdate(long step) => UProduct *= MomentumAt(step);

    /// <inheritdoc/>
    protected override void UpdateStep(Tensor variable, Tensor gradient, Tensor[] slots, double learningRate, long step)
    {
        var (m, v) = (slots[0], slots[1]);
        var uT = MomentumAt(step);
        var uT1 = MomentumAt(step + 1);
        var uProductT = UProduct;
        var uProductT1 = uProductT * uT1;
        using var s = new ScalarScope();
        m.mul_(s.Of(Beta1)).add_(gradient, alpha: s.Of(1 - Beta1));
        v.mul_(s.Of(Beta2)).addcmul_(gradient, gradient, s.Of(1 - Beta2));
        var mHat = m.mul(s.Of(uT1 / (1 - uProductT1))).add_(gradient.mul(s.Of((1 - uT) / (1 - uProductT))), ScalarScope.One);
        var vHat = v.div(s.Of(1 - Math.Pow(Beta2, step)));
        variable.addcdiv_(mHat, vHat.sqrt_().add_(s.Of(Epsilon), ScalarScope.One), s.Of(-learningRate));
    }

    private double MomentumAt(long step) => Beta1 * (1.0 - 0.5 * Math.Pow(0.96, step));

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["beta_1"] = Beta1;
        c["beta_2"] = Beta2;
        c["epsilon"] = Epsilon;
        return c;
    }
}
