using DeepKeras.Activations;
using DeepKeras.Initializers;
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
        bool trainable = true)
        : base(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, dropout, recurrentDropout, seed,
            name, trainable)
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
                inner = inner + Bias.Value[1];
            }

            var rec = inner.chunk(3, 1);
            z = RecurrentActivation.Call(x[0] + rec[0]);
            r = RecurrentActivation.Call(x[1] + rec[1]);
            candidate = Activation.Call(x[2] + r * rec[2]);
        }
        else
        {
            var rec = RecurrentProject(h, kernel.narrow(1, 0, 2L * Units), recurrentMasks).chunk(2, 1);
            z = RecurrentActivation.Call(x[0] + rec[0]);
            r = RecurrentActivation.Call(x[1] + rec[1]);
            var hForCandidate = recurrentMasks is null ? h : h * recurrentMasks[2];
            candidate = Activation.Call(x[2] + matmul(r * hForCandidate, kernel.narrow(1, 2L * Units, Units)));
        }

        return [z * h + (1 - z) * candidate];
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
