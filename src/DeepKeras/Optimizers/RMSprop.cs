using static TorchSharp.torch;

namespace DeepKeras.Optimizers;

/// <summary>
/// RMSprop (Keras <c>RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False)</c>):
/// <c>v = ρv + (1−ρ)g²</c>; centered: <c>ḡ = ρḡ + (1−ρ)g</c> and <c>d = v − ḡ² + ε</c>, else <c>d = v + ε</c>;
/// <c>Δ = lr·g/√d</c> (ε inside the root, unlike PyTorch); with momentum <c>m = μm + Δ; w −= m</c>, else <c>w −= Δ</c>.
/// </summary>
public sealed class RMSprop : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Learning rate or schedule (default 0.001).</param>
    /// <param name="rho">Discount of the squared-gradient average (default 0.9).</param>
    /// <param name="momentum">Momentum (default 0).</param>
    /// <param name="epsilon">Small constant (default 1e-7).</param>
    /// <param name="centered">Whether to normalize by the gradient variance estimate.</param>
    /// <param name="weightDecay">Decoupled weight decay.</param>
    /// <param name="clipnorm">Per-gradient norm clip.</param>
    /// <param name="clipvalue">Element-wise clip.</param>
    /// <param name="globalClipnorm">Global norm clip.</param>
    /// <param name="name">Name (default <c>rmsprop</c>, made unique).</param>
    public RMSprop(LearningRateArg? learningRate = null, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7,
        bool centered = false, double? weightDecay = null, double? clipnorm = null, double? clipvalue = null,
        double? globalClipnorm = null, string? name = null)
        : base(learningRate ?? 0.001, name, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        Rho = rho;
        Momentum = momentum;
        Epsilon = epsilon;
        Centered = centered;
    }

    /// <summary>Gets rho.</summary>
    public double Rho { get; }

    /// <summary>Gets the momentum.</summary>
    public double Momentum { get; }

    /// <summary>Gets epsilon.</summary>
    public double Epsilon { get; }

    /// <summary>Gets whether the centered variant is used.</summary>
    public bool Centered { get; }

    /// <summary>Slots: velocity, then momentum (when momentum &gt; 0), then average gradient (when centered).</summary>
    /// <inheritdoc/>
    protected override Tensor[] CreateSlots(Variable variable)
    {
        var slots = new List<Tensor> { ZerosLike(variable) };
        if (Momentum > 0)
        {
            slots.Add(ZerosLike(variable));
        }

        if (Centered)
        {
            slots.Add(ZerosLike(variable));
        }

        return [.. slots];
    }

    /// <summary>Keras adds velocity, momentum and average gradient in separate groups.</summary>
    /// <inheritdoc/>
    internal override IReadOnlyList<int[]> KerasSlotGroups(int slotCount) => Enumerable.Range(0, slotCount).Select(i => new[] { i }).ToArray();

    /// <inheritdoc/>
    protected override void UpdateStep(Tensor variable, Tensor gradient, Tensor[] slots, double learningRate, long step)
    {
        using var s = new ScalarScope();
        var velocity = slots[0];
        velocity.mul_(s.Of(Rho)).addcmul_(gradient, gradient, s.Of(1 - Rho));
        Tensor denominator;
        if (Centered)
        {
            var averageGrad = slots[^1];
            averageGrad.mul_(s.Of(Rho)).add_(gradient, alpha: s.Of(1 - Rho));
            denominator = velocity.sub(averageGrad * averageGrad).add_(s.Of(Epsilon), ScalarScope.One);
        }
        else
        {
            denominator = velocity.add(s.Of(Epsilon), ScalarScope.One);
        }

        var increment = gradient.mul(s.Of(learningRate)).div_(denominator.sqrt_());
        if (Momentum > 0)
        {
            var momentum = slots[1];
            momentum.mul_(s.Of(Momentum)).add_(increment, ScalarScope.One);
            variable.sub_(momentum);
        }
        else
        {
            variable.sub_(increment);
        }
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["rho"] = Rho;
        c["momentum"] = Momentum;
        c["epsilon"] = Epsilon;
        c["centered"] = Centered;
        return c;
    }
}
