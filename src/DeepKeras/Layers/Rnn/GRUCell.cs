using DeepKeras.Activations;
using DeepKeras.Constraints;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// One step of a Gated Recurrent Unit (Keras <c>keras.layers.GRUCell</c>), run over a sequence by <see cref="RNN"/>.
/// Gates z, r, h in that order in <c>kernel (input_dim, 3·units)</c> and <c>recurrent_kernel (units, 3·units)</c>:
/// <c>z = σ(x·W_z + h·U_z + b)</c>, <c>r = σ(x·W_r + h·U_r + b)</c>, candidate <c>ĥ = tanh(x·W_h + r·(h·U_h + b_h))</c>
/// (<c>resetAfter</c>, the default, with <c>bias (2, 3·units)</c>: row 0 for the input, row 1 for the recurrent
/// projection) or <c>ĥ = tanh(x·W_h + (r·h)·U_h + b_h)</c> (<c>resetAfter: false</c>, <c>bias (3·units)</c>);
/// <c>h' = z·h + (1 − z)·ĥ</c>, which is both the output and the state.
/// </summary>
/// <example><code>
/// var rnn = new RNN(new GRUCell(4), returnState: true);   // [output (batch, 4), h (batch, 4)]
/// </code></example>
public sealed class GRUCell : DenseRNNCell
{
    /// <summary>Creates the cell.</summary>
    /// <param name="units">Positive dimensionality of the output and state.</param>
    /// <param name="activation">Activation of the candidate state (default <c>tanh</c>).</param>
    /// <param name="recurrentActivation">Activation of the gates (default <c>sigmoid</c>).</param>
    /// <param name="useBias">Whether to add biases (default true).</param>
    /// <param name="kernelInitializer">Initializer of <c>kernel</c> (default <c>glorot_uniform</c>).</param>
    /// <param name="recurrentInitializer">Initializer of <c>recurrent_kernel</c> (default <c>orthogonal</c>).</param>
    /// <param name="biasInitializer">Initializer of <c>bias</c> (default <c>zeros</c>).</param>
    /// <param name="dropout">Fraction of input units dropped in training, in [0, 1).</param>
    /// <param name="recurrentDropout">Fraction of recurrent units dropped in training, in [0, 1).</param>
    /// <param name="resetAfter">Whether the reset gate applies after the recurrent matrix product (default true, cuDNN-compatible).</param>
    /// <param name="seed">Seed of the dropout masks; null draws from the global generator.</param>
    /// <param name="name">Cell name; default <c>gru_cell</c>, <c>gru_cell_1</c>, ….</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <param name="kernelRegularizer">Penalty on <c>kernel</c> added to the training loss; default none.</param>
    /// <param name="recurrentRegularizer">Penalty on <c>recurrent_kernel</c>; default none.</param>
    /// <param name="biasRegularizer">Penalty on <c>bias</c>; default none.</param>
    /// <param name="kernelConstraint">Projection applied to <c>kernel</c> after each optimizer update; default none.</param>
    /// <param name="recurrentConstraint">Projection applied to <c>recurrent_kernel</c> after each optimizer update; default none.</param>
    /// <param name="biasConstraint">Projection applied to <c>bias</c> after each optimizer update; default none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive or a dropout rate is outside [0, 1).</exception>
    public GRUCell(
        int units,
        ActivationFunction? activation = null,
        ActivationFunction? recurrentActivation = null,
        bool useBias = true,
        Initializer? kernelInitializer = null,
        Initializer? recurrentInitializer = null,
        Initializer? biasInitializer = null,
        double dropout = 0.0,
        double recurrentDropout = 0.0,
        bool resetAfter = true,
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
        ResetAfter = resetAfter;
    }

    /// <summary>Gets the activation of the gates (default <c>sigmoid</c>).</summary>
    public ActivationFunction RecurrentActivation { get; }

    /// <summary>Gets whether the reset gate applies after the recurrent matrix product.</summary>
    public bool ResetAfter { get; }

    /// <inheritdoc/>
    public override NestedSize StateSize => Units;

    /// <inheritdoc/>
    private protected override int GateCount => 3;

    /// <inheritdoc/>
    private protected override Shape BiasShape => ResetAfter ? new Shape(2, 3 * Units) : 3 * Units;

    /// <inheritdoc/>
    private protected override Tensor? InputBias => Bias is null ? null : ResetAfter ? Bias.Value[0] : Bias.Value;

    /// <inheritdoc/>
    private protected override Tensor[] Step(Tensor projected, IReadOnlyList<Tensor> states, Tensor? recurrentMasks)
    {
        var h = states[0];
        var kernel = RecurrentKernel!.Value;
        var x = projected.chunk(3, 1);
        Tensor z, r, candidate;
        if (ResetAfter)
        {
            var inner = RecurrentProject(h, kernel, recurrentMasks);
            if (Bias is not null)
            {
                inner = inner.add(Bias.Value[1], ScalarScope.One);
            }

            var rec = inner.chunk(3, 1);
            z = RecurrentActivation.Call(x[0].add(rec[0], ScalarScope.One));
            r = RecurrentActivation.Call(x[1].add(rec[1], ScalarScope.One));
            candidate = Activation.Call(x[2].add(r * rec[2], ScalarScope.One));
        }
        else
        {
            var rec = RecurrentProject(h, kernel.narrow(1, 0, 2L * Units), recurrentMasks).chunk(2, 1);
            z = RecurrentActivation.Call(x[0].add(rec[0], ScalarScope.One));
            r = RecurrentActivation.Call(x[1].add(rec[1], ScalarScope.One));
            var hForCandidate = recurrentMasks is null ? h : h * recurrentMasks[2];
            candidate = Activation.Call(x[2].add(matmul(r * hForCandidate, kernel.narrow(1, 2L * Units, Units)), ScalarScope.One));
        }

        // z·h + (1 − z)·candidate; TorchSharp's 1 − z is −z + 1.
        return [(z * h).add(z.negative().add(ScalarScope.One, ScalarScope.One) * candidate, ScalarScope.One)];
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["recurrent_activation"] = Serialize(RecurrentActivation);
        c["reset_after"] = ResetAfter;
        return c;
    }
}
