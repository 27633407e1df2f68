using static TorchSharp.torch;

namespace DeepKeras.Optimizers;

/// <summary>
/// Adadelta (Keras <c>Adadelta(learning_rate=0.001, rho=0.95, epsilon=1e-7)</c>):
/// <c>E[g²] = ρE[g²] + (1−ρ)g²; Δ = −√(E[Δ²] + ε)·g/√(E[g²] + ε); E[Δ²] = ρE[Δ²] + (1−ρ)Δ²; w += lr·Δ</c>
/// (PyTorch defaults differ: lr 1.0, ρ 0.9, ε 1e-6).
/// </summary>
public sealed class Adadelta : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Learning rate or schedule (default 0.001).</param>
    /// <param name="rho">Decay rate of the running averages (default 0.95).</param>
    /// <param name="epsilon">Small constant (default 1e-7).</param>
    /// <param name="weightDecay">Decoupled weight decay.</param>
    /// <param name="clipnorm">Per-gradient norm clip.</param>
    /// <param name="clipvalue">Element-wise clip.</param>
    /// <param name="globalClipnorm">Global norm clip.</param>
    /// <param name="name">Name (default <c>adadelta</c>, made unique).</param>
    public Adadelta(LearningRateArg? learningRate = null, double rho = 0.95, double epsilon = 1e-7, double? weightDecay = null,
        double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null, string? name = null)
        : base(learningRate ?? 0.001, name, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        Rho = rho;
        Epsilon = epsilon;
    }

    /// <summary>Gets rho.</summary>
    public double Rho { get; }

    /// <summary>Gets epsilon.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    protected override Tensor[] CreateSlots(Variable variable) => [ZerosLike(variable), ZerosLike(variable)];

    /// <inheritdoc/>
    protected override void UpdateStep(Tensor variable, Tensor gradient, Tensor[] slots, double learningRate, long step)
    {
        var (accumulatedGrad, accumulatedDelta) = (slots[0], slots[1]);
        using var s = new ScalarScope();
        accumulatedGrad.mul_(s.Of(Rho)).addcmul_(gradient, gradient, s.Of(1 - Rho));
        var delta = accumulatedDelta.add(s.Of(Epsilon), ScalarScope.One).sqrt_().mul_(gradient)
            .div_(accumulatedGrad.add(s.Of(Epsilon), ScalarScope.One).sqrt_()).neg_();
        accumulatedDelta.mul_(s.Of(Rho)).addcmul_(delta, delta, s.Of(1 - Rho));
        variable.add_(delta, alpha: s.Of(learningRate));
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["rho"] = Rho;
        c["epsilon"] = Epsilon;
        return c;
    }
}
