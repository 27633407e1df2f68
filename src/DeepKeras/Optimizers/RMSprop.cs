using static TorchSharp.torch;

namespace DeepKeras.Optimizers;

/// <summary>
/// RMSprop (Keras <c>RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False)</c>):
/// <c>v = ρv + (1−ρ)g²; w −= lr·g/√(v + ε)</c> (ε inside the root, unlike PyTorch).
/// </summary>
public sealed class RMSprop : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Learning rate (default 0.001).</param>
    /// <param name="rho">Discount of the squared-gradient average (default 0.9).</param>
    /// <param name="momentum">Momentum (default 0).</param>
    /// <param name="epsilon">Small constant (default 1e-7).</param>
    /// <param name="centered">Whether to normalize by the gradient variance estimate.</param>
    /// <param name="weightDecay">Decoupled weight decay.</param>
    /// <param name="clipnorm">Per-gradient norm clip.</param>
    /// <param name="clipvalue">Element-wise clip.</param>
    /// <param name="globalClipnorm">Global norm clip.</param>
    /// <param name="name">Name.</param>
    public RMSprop(double learningRate = 0.001, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7,
        bool centered = false, double? weightDecay = null, double? clipnorm = null, double? clipvalue = null,
        double? globalClipnorm = null, string name = "rmsprop")
        : base(learningRate, name, weightDecay, clipnorm, clipvalue, globalClipnorm)
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

    /// <inheritdoc/>
    protected override Tensor[] CreateSlots(Variable variable) =>
        [ZerosLike(variable), Momentum > 0 ? ZerosLike(variable) : empty(0), Centered ? ZerosLike(variable) : empty(0)];

    /// <inheritdoc/>
    protected override void UpdateStep(Tensor variable, Tensor gradient, Tensor[] slots, double learningRate, long step)
    {
        var (v, m, avgGrad) = (slots[0], slots[1], slots[2]);
        v.mul_(Rho).addcmul_(gradient, gradient, 1 - Rho);
        var denominator = v;
        if (Centered)
        {
            avgGrad.mul_(Rho).add_(gradient, alpha: 1 - Rho);
            denominator = v - avgGrad.square();
        }

        var increment = gradient * learningRate / (denominator + Epsilon).sqrt();
        if (Momentum > 0)
        {
            m.mul_(Momentum).add_(increment);
            variable.sub_(m);
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
