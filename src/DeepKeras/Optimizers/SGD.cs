using static TorchSharp.torch;

namespace DeepKeras.Optimizers;

/// <summary>
/// Gradient descent with optional momentum (Keras <c>SGD(learning_rate=0.01, momentum=0.0, nesterov=False)</c>):
/// without momentum <c>w −= lr·g</c>; with momentum <c>m = μ·m − lr·g; w += m</c> (Nesterov: <c>w += μ·m − lr·g</c>
/// with the new <c>m</c>).
/// </summary>
public sealed class SGD : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Learning rate or schedule (default 0.01).</param>
    /// <param name="momentum">Momentum in [0, 1] (default 0).</param>
    /// <param name="nesterov">Whether to use Nesterov momentum.</param>
    /// <param name="weightDecay">Decoupled weight decay.</param>
    /// <param name="clipnorm">Per-gradient norm clip.</param>
    /// <param name="clipvalue">Element-wise clip.</param>
    /// <param name="globalClipnorm">Global norm clip.</param>
    /// <param name="name">Name (default <c>sgd</c>, made unique).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="momentum"/> is outside [0, 1].</exception>
    public SGD(LearningRateArg? learningRate = null, double momentum = 0.0, bool nesterov = false, double? weightDecay = null,
        double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null, string? name = null)
        : base(learningRate ?? 0.01, name, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        if (momentum is < 0 or > 1 || double.IsNaN(momentum))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"`momentum` must be a float between [0, 1]. Received: momentum={momentum}");
        }

        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <summary>Gets the momentum.</summary>
    public double Momentum { get; }

    /// <summary>Gets whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    protected override Tensor[] CreateSlots(Variable variable) => Momentum != 0 ? [ZerosLike(variable)] : [];

    /// <inheritdoc/>
    protected override void UpdateStep(Tensor variable, Tensor gradient, Tensor[] slots, double learningRate, long step)
    {
        using var s = new ScalarScope();
        if (Momentum == 0)
        {
            variable.add_(gradient, alpha: s.Of(-learningRate));
            return;
        }

        var m = slots[0];
        m.mul_(s.Of(Momentum)).add_(gradient, alpha: s.Of(-learningRate));
        if (Nesterov)
        {
            variable.add_(m.mul(s.Of(Momentum)).sub_(gradient.mul(s.Of(learningRate))), ScalarScope.One);
        }
        else
        {
            variable.add_(m, ScalarScope.One);
        }
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["momentum"] = Momentum;
        c["nesterov"] = Nesterov;
        return c;
    }
}
