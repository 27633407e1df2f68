using DeepKeras.Activations;
using DeepKeras.Constraints;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;

namespace DeepKeras.Layers;

/// <summary>
/// One step of a Long Short-Term Memory network (Keras <c>keras.layers.LSTMCell</c>), run over a sequence by
/// <see cref="RNN"/>. Gates i, f, c, o in that order in <c>kernel (input_dim, 4·units)</c>,
/// <c>recurrent_kernel (units, 4·units)</c> and <c>bias (4·units)</c>: <c>z = x·W + h·U + b</c>; <c>i = σ(z_i)</c>,
/// <c>f = σ(z_f)</c>, <c>o = σ(z_o)</c>; <c>c' = f·c + i·tanh(z_c)</c>; <c>h' = o·tanh(c')</c>. The states are
/// <c>[h, c]</c> (<c>state_size = [units, units]</c>) and the output is <c>h'</c>.
/// </summary>
/// <example><code>
/// var rnn = new RNN(new LSTMCell(64));   // (batch, time, 28) → (batch, 64); 23,808 parameters
/// </code></example>
public sealed class LSTMCell : DenseRNNCell
{
    /// <summary>Creates the cell.</summary>
    /// <param name="units">Positive dimensionality of the output and states.</param>
    /// <param name="activation">Activation of the cell candidate and output (default <c>tanh</c>).</param>
    /// <param name="recurrentActivation">Activation of the gates (default <c>sigmoid</c>).</param>
    /// <param name="useBias">Whether to add a bias (default true).</param>
    /// <param name="kernelInitializer">Initializer of <c>kernel</c> (default <c>glorot_uniform</c>).</param>
    /// <param name="recurrentInitializer">Initializer of <c>recurrent_kernel</c> (default <c>orthogonal</c>).</param>
    /// <param name="biasInitializer">Initializer of <c>bias</c> (default <c>zeros</c>).</param>
    /// <param name="unitForgetBias">Whether the forget-gate bias starts at 1 (default true).</param>
    /// <param name="dropout">Fraction of input units dropped in training, in [0, 1).</param>
    /// <param name="recurrentDropout">Fraction of recurrent units dropped in training, in [0, 1).</param>
    /// <param name="seed">Seed of the dropout masks; null draws from the global generator.</param>
    /// <param name="name">Cell name; default <c>lstm_cell</c>, <c>lstm_cell_1</c>, ….</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <param name="kernelRegularizer">Penalty on <c>kernel</c> added to the training loss; default none.</param>
    /// <param name="recurrentRegularizer">Penalty on <c>recurrent_kernel</c>; default none.</param>
    /// <param name="biasRegularizer">Penalty on <c>bias</c>; default none.</param>
    /// <param name="kernelConstraint">Projection applied to <c>kernel</c> after each optimizer update; default none.</param>
    /// <param name="recurrentConstraint">Projection applied to <c>recurrent_kernel</c> after each optimizer update; default none.</param>
    /// <param name="biasConstraint">Projection applied to <c>bias</c> after each optimizer update; default none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive or a dropout rate is outside [0, 1).</exception>
    public LSTMCell(
        int units,
        ActivationFunction? activation = null,
        ActivationFunction? recurrentActivation = null,
        bool useBias = true,
        Initializer? kernelInitializer = null,
        Initializer? recurrentInitializer = null,
        Initializer? biasInitializer = null,
        bool unitForgetBias = true,
        double dropout = 0.0,
        double recurrentDropout = 0.0,
        int? seed = null,
        string? name = null,
        bool trainable = true,
        Regularizer? kernelRegularizer = null,
        Regularizer? recurrentRegularizer = null,
        Regularizer? biasRegularizer = null,
        Constraint? kernelConstraint = null,
        Constraint? recurrentConstraint = null,
        Constraint? biasConstraint = null)
        : base(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, dropout, recurrentDropout, seed,
            name, trainable, kernelRegularizer, recurrentRegularizer, biasRegularizer, kernelConstraint, recurrentConstraint, biasConstraint)
    {
        RecurrentActivation = recurrentActivation ?? ActivationFunction.Get("sigmoid");
        UnitForgetBias = unitForgetBias;
    }

    /// <summary>Gets the activation of the gates (default <c>sigmoid</c>).</summary>
    public ActivationFunction RecurrentActivation { get; }

    /// <summary>Gets whether the forget-gate bias is initialized to 1.</summary>
    public bool UnitForgetBias { get; }

    /// <inheritdoc/>
    public override NestedSize StateSize => [Units, Units];

    /// <inheritdoc/>
    private protected override int GateCount => 4;

    /// <inheritdoc/>
    private protected override Initializer BiasWeightInitializer =>
        UnitForgetBias ? new UnitForgetBias(BiasInitializer, Units) : BiasInitializer;

    /// <inheritdoc/>
    private protected override Tensor[] Step(Tensor projected, IReadOnlyList<Tensor> states, Tensor? recurrentMasks)
    {
        var z = projected.add(RecurrentProject(states[0], RecurrentKernel!.Value, recurrentMasks), ScalarScope.One);
        var gates = z.chunk(4, 1);
        var i = RecurrentActivation.Call(gates[0]);
        var f = RecurrentActivation.Call(gates[1]);
        var c = (f * states[1]).add(i * Activation.Call(gates[2]), ScalarScope.One);
        var o = RecurrentActivation.Call(gates[3]);
        return [o * Activation.Call(c), c];
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["recurrent_activation"] = Serialize(RecurrentActivation);
        c["unit_forget_bias"] = UnitForgetBias;
        return c;
    }
}
