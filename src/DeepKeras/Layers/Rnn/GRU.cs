using DeepKeras.Activations;
using DeepKeras.Initializers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Gated Recurrent Unit (Keras <c>keras.layers.GRU</c>, Cho et al. 2014). Gates z, r, h in that order in
/// <c>kernel (input_dim, 3·units)</c> and <c>recurrent_kernel (units, 3·units)</c>:
/// <c>z = σ(x·W_z + h·U_z + b)</c>, <c>r = σ(x·W_r + h·U_r + b)</c>, candidate <c>ĥ = tanh(x·W_h + r·(h·U_h + b_h))</c>
/// (<c>resetAfter</c>, the default, with <c>bias (2, 3·units)</c>: row 0 for the input, row 1 for the recurrent
/// projection) or <c>ĥ = tanh(x·W_h + (r·h)·U_h + b_h)</c> (<c>resetAfter: false</c>, <c>bias (3·units)</c>);
/// <c>h' = z·h + (1 − z)·ĥ</c>.
/// </summary>
public sealed class GRU : RnnBase
{
    /// <summary>Creates the layer.</summary>
    /// <param name="units">Positive dimensionality of the output and state.</param>
    /// <param name="activation">Activation of the candidate state (default <c>tanh</c>).</param>
    /// <param name="recurrentActivation">Activation of the gates (default <c>sigmoid</c>).</param>
    /// <param name="useBias">Whether to add biases (default true).</param>
    /// <param name="kernelInitializer">Initializer of <c>kernel</c> (default <c>glorot_uniform</c>).</param>
    /// <param name="recurrentInitializer">Initializer of <c>recurrent_kernel</c> (default <c>orthogonal</c>).</param>
    /// <param name="biasInitializer">Initializer of <c>bias</c> (default <c>zeros</c>).</param>
    /// <param name="dropout">Fraction of input units dropped in training, in [0, 1).</param>
    /// <param name="recurrentDropout">Fraction of recurrent units dropped in training, in [0, 1).</param>
    /// <param name="returnSequences">Whether to return the whole sequence (default: the last output).</param>
    /// <param name="returnState">Whether to also return the final state.</param>
    /// <param name="goBackwards">Whether to process the sequence backwards (and return the reversed sequence).</param>
    /// <param name="stateful">Whether each batch starts from the final state of the previous batch.</param>
    /// <param name="resetAfter">Whether the reset gate applies after the recurrent matrix product (default true, cuDNN-compatible).</param>
    /// <param name="inputShape">Input shape without the batch axis, e.g. <c>(timesteps, features)</c>, for a first layer.</param>
    /// <param name="name">Layer name; default <c>gru</c>, <c>gru_1</c>, ….</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive or a dropout rate is outside [0, 1).</exception>
    public GRU(
        int units,
        ActivationFunction? activation = null,
        ActivationFunction? recurrentActivation = null,
        bool useBias = true,
        Initializer? kernelInitializer = null,
        Initializer? recurrentInitializer = null,
        Initializer? biasInitializer = null,
        double dropout = 0.0,
        double recurrentDropout = 0.0,
        bool returnSequences = false,
        bool returnState = false,
        bool goBackwards = false,
        bool stateful = false,
        bool resetAfter = true,
        Shape? inputShape = null,
        string? name = null,
        bool trainable = true)
        : base(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, dropout, recurrentDropout,
            returnSequences, returnState, goBackwards, stateful, inputShape, name, trainable)
    {
        RecurrentActivation = recurrentActivation ?? ActivationFunction.Get("sigmoid");
        ResetAfter = resetAfter;
    }

    /// <summary>Gets the activation of the gates (default <c>sigmoid</c>).</summary>
    public ActivationFunction RecurrentActivation { get; }

    /// <summary>Gets whether the reset gate applies after the recurrent matrix product.</summary>
    public bool ResetAfter { get; }

    /// <inheritdoc/>
    private protected override int GateCount => 3;

    /// <inheritdoc/>
    private protected override Shape BiasShape => ResetAfter ? new Shape(2, 3 * Units) : 3 * Units;

    /// <inheritdoc/>
    private protected override Tensor? InputBias => Bias is null ? null : ResetAfter ? Bias.Value[0] : Bias.Value;

    /// <inheritdoc/>
    private protected override bool CanFuse =>
        ResetAfter && Activation.Name == "tanh" && RecurrentActivation.Name == "sigmoid";

    /// <inheritdoc/>
    private protected override (Tensor Sequence, Tensor[] States) RunFused(Tensor x, Tensor[] states)
    {
        var noBias = zeros(3L * Units, dtype: x.dtype, device: x.device);
        var weights = new FusedRnn.TorchWeights(
            ToTorchGateOrder(Kernel!.Value).t(),
            ToTorchGateOrder(RecurrentKernel!.Value).t(),
            Bias is null ? noBias : ToTorchGateOrder(Bias.Value[0]),
            Bias is null ? noBias : ToTorchGateOrder(Bias.Value[1]));
        var (sequence, h) = FusedRnn.SingleState("gru", x, states[0], weights);
        return (sequence, [h]);
    }

    /// <inheritdoc/>
    private protected override Tensor[] Step(Tensor projected, Tensor[] states, Tensor? recurrentMasks)
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
            var rec = RecurrentProject(h, kernel.narrow(1, 0, 2L * Units), recurrentMasks?.narrow(0, 0, 2)).chunk(2, 1);
            z = RecurrentActivation.Call(x[0] + rec[0]);
            r = RecurrentActivation.Call(x[1] + rec[1]);
            var hForCandidate = recurrentMasks is null ? h : h * recurrentMasks[2];
            candidate = Activation.Call(x[2] + matmul(r * hForCandidate, kernel.narrow(1, 2L * Units, Units)));
        }

        return [z * h + (1 - z) * candidate];
    }

    /// <summary>Reorders the last axis from Keras's gate blocks z, r, h to torch's r, z, n.</summary>
    private Tensor ToTorchGateOrder(Tensor t) =>
        cat([t.narrow(-1, Units, Units), t.narrow(-1, 0, Units), t.narrow(-1, 2L * Units, Units)], -1);

    /// <inheritdoc/>
    internal override RnnBase CloneAs(string name, bool goBackwards) => new GRU(
        Units, Activation, RecurrentActivation, UseBias, KernelInitializer, RecurrentInitializer, BiasInitializer,
        Dropout, RecurrentDropout, ReturnSequences, ReturnState, goBackwards, Stateful, ResetAfter, null, name, Trainable);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["recurrent_activation"] = Serialize(RecurrentActivation);
        c["reset_after"] = ResetAfter;
        return c;
    }
}
