using static TorchSharp.torch;

namespace DeepKeras.Optimizers;

/// <summary>
/// Adagrad (Keras <c>Adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7)</c>):
/// <c>acc += g²; w −= lr·g/√(acc + ε)</c> (PyTorch defaults differ: lr 0.01, accumulator 0, ε outside the root).
/// </summary>
public sealed class Adagrad : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Learning rate or schedule (default 0.001).</param>
    /// <param name="initialAccumulatorValue">Starting value of the accumulators (default 0.1).</param>
    /// <param name="epsilon">Small constant (default 1e-7).</param>
    /// <param name="weightDecay">Decoupled weight decay.</param>
    /// <param name="clipnorm">Per-gradient norm clip.</param>
    /// <param name="clipvalue">Element-wise clip.</param>
    /// <param name="globalClipnorm">Global norm clip.</param>
    /// <param name="name">Name (default <c>adagrad</c>, made unique).</param>
    public Adagrad(LearningRateArg? learningRate = null, double initialAccumulatorValue = 0.1, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        string? name = null)
        : base(learningRate ?? 0.001, name, weightDecay, clipnorm, clipvalue, globalClipnorm)
    {
        InitialAccumulatorValue = initialAccumulatorValue;
        Epsilon = epsilon;
    }

    /// <summary>Gets the initial accumulator value.</summary>
    public double InitialAccumulatorValue { get; }

    /// <summary>Gets epsilon.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    protected override Tensor[] CreateSlots(Variable variable) => [FullLike(variable, InitialAccumulatorValue)];

    /// <inheritdoc/>
    protected override void UpdateStep(Tensor variable, Tensor gradient, Tensor[] slots, double learningRate, long step)
    {
        var accumulator = slots[0];
        using var s = new ScalarScope();
        accumulator.addcmul_(gradient, gradient, ScalarScope.One);
        variable.sub_(gradient.mul(s.Of(learningRate)).div_(accumulator.add(s.Of(Epsilon), ScalarScope.One).sqrt_()));
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["initial_accumulator_value"] = InitialAccumulatorValue;
        c["epsilon"] = Epsilon;
        return c;
    }
}
