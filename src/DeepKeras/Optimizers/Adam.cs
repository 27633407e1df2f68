using static TorchSharp.torch;

namespace DeepKeras.Optimizers;

/// <summary>
/// Adam (Keras <c>Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False)</c>):
/// <c>m += (g − m)(1−β₁); v += (g² − v)(1−β₂); α = lr·√(1−β₂ᵗ)/(1−β₁ᵗ); w −= α·m/(√v + ε)</c> — ε is not
/// bias-corrected, unlike PyTorch. AMSGrad uses <c>v̂ = max(v̂, v)</c> in place of <c>v</c>.
/// </summary>
public class Adam : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Learning rate or schedule (default 0.001).</param>
    /// <param name="beta1">Decay of the first moment (default 0.9).</param>
    /// <param name="beta2">Decay of the second moment (default 0.999).</param>
    /// <param name="epsilon">Small constant (default 1e-7).</param>
    /// <param name="amsgrad">Whether to use the AMSGrad variant.</param>
    /// <param name="weightDecay">Decoupled weight decay.</param>
    /// <param name="clipnorm">Per-gradient norm clip.</param>
    /// <param name="clipvalue">Element-wise clip.</param>
    /// <param name="globalClipnorm">Global norm clip.</param>
    /// <param name="name">Name (default <c>adam</c>, made unique).</param>
    public Adam(LearningRateArg? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        bool amsgrad = false, double? weightDecay = null, double? clipnorm = null, double? clipvalue = null,
        double? globalClipnorm = null, string? name = null)
        : base(learningRate ?? 0.001, name, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        Amsgrad = amsgrad;
    }

    /// <summary>Gets beta_1.</summary>
    public double Beta1 { get; }

    /// <summary>Gets beta_2.</summary>
    public double Beta2 { get; }

    /// <summary>Gets epsilon.</summary>
    public double Epsilon { get; }

    /// <summary>Gets whether AMSGrad is used.</summary>
    public bool Amsgrad { get; }

    /// <summary>Slots: momentum, velocity, and velocity_hat with AMSGrad.</summary>
    /// <inheritdoc/>
    protected override Tensor[] CreateSlots(Variable variable) =>
        Amsgrad ? [ZerosLike(variable), ZerosLike(variable), ZerosLike(variable)] : [ZerosLike(variable), ZerosLike(variable)];

    /// <inheritdoc/>
    internal override IReadOnlyList<int[]> KerasSlotGroups(int slotCount) => Amsgrad ? [[0, 1], [2]] : [[0, 1]];

    /// <inheritdoc/>
    protected override void UpdateStep(Tensor variable, Tensor gradient, Tensor[] slots, double learningRate, long step)
    {
        var (m, v) = (slots[0], slots[1]);
        var alpha = learningRate * Math.Sqrt(1 - Math.Pow(Beta2, step)) / (1 - Math.Pow(Beta1, step));
        using var s = new ScalarScope();
        m.mul_(s.Of(Beta1)).add_(gradient, alpha: s.Of(1 - Beta1));
        v.mul_(s.Of(Beta2)).addcmul_(gradient, gradient, s.Of(1 - Beta2));
        var vHat = v;
        if (Amsgrad)
        {
            slots[2].copy_(maximum(slots[2], v));
            vHat = slots[2];
        }

        variable.addcdiv_(m, vHat.sqrt().add_(s.Of(Epsilon), ScalarScope.One), s.Of(-alpha));
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["beta_1"] = Beta1;
        c["beta_2"] = Beta2;
        c["epsilon"] = Epsilon;
        c["amsgrad"] = Amsgrad;
        return c;
    }
}
