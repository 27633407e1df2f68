using static TorchSharp.torch;

namespace DeepKeras.Optimizers;

/// <summary>
/// Adamax, Adam with the infinity norm (Keras <c>Adamax(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)</c>):
/// <c>m += (g − m)(1−β₁); u = max(β₂u, |g|); w −= lr·m/((1−β₁ᵗ)(u + ε))</c>.
/// </summary>
public sealed class Adamax : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Learning rate or schedule (default 0.001).</param>
    /// <param name="beta1">Decay of the first moment (default 0.9).</param>
    /// <param name="beta2">Decay of the infinity norm (default 0.999).</param>
    /// <param name="epsilon">Small constant (default 1e-7).</param>
    /// <param name="weightDecay">Decoupled weight decay.</param>
    /// <param name="clipnorm">Per-gradient norm clip.</param>
    /// <param name="clipvalue">Element-wise clip.</param>
    /// <param name="globalClipnorm">Global norm clip.</param>
    /// <param name="name">Name (default <c>adamax</c>, made unique).</param>
    public Adamax(LearningRateArg? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
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

    /// <inheritdoc/>
    protected override Tensor[] CreateSlots(Variable variable) => [ZerosLike(variable), ZerosLike(variable)];

    /// <inheritdoc/>
    protected override void UpdateStep(Tensor variable, Tensor gradient, Tensor[] slots, double learningRate, long step)
    {
        var (m, u) = (slots[0], slots[1]);
        using var s = new ScalarScope();
        m.mul_(s.Of(Beta1)).add_(gradient, alpha: s.Of(1 - Beta1));
        u.copy_(maximum(u.mul(s.Of(Beta2)), gradient.abs()));
        var scale = learningRate / (1 - Math.Pow(Beta1, step));
        variable.addcdiv_(m, u.add(s.Of(Epsilon), ScalarScope.One), s.Of(-scale));
    }

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
