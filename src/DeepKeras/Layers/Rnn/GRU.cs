using DeepKeras.Activations;
using DeepKeras.Constraints;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;
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
    /// <param name="seed">Seed of the dropout masks; null draws from the global generator.</param>
    /// <param name="returnSequences">Whether to return the whole sequence (default: the last output).</param>
    /// <param name="returnState">Whether to also return the final state.</param>
    /// <param name="goBackwards">Whether to process the sequence backwards (and return the reversed sequence).</param>
    /// <param name="stateful">Whether each batch starts from the final state of the previous batch.</param>
    /// <param name="resetAfter">Whether the reset gate applies after the recurrent matrix product (default true, cuDNN-compatible).</param>
    /// <param name="inputShape">Input shape without the batch axis, e.g. <c>(timesteps, features)</c>, for a first layer.</param>
    /// <param name="name">Layer name; default <c>gru</c>, <c>gru_1</c>, ….</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <param name="kernelRegularizer">Penalty on <c>kernel</c> added to the training loss; default none.</param>
    /// <param name="recurrentRegularizer">Penalty on <c>recurrent_kernel</c>; default none.</param>
    /// <param name="biasRegularizer">Penalty on <c>bias</c>; default none.</param>
    /// <param name="activityRegularizer">Penalty on the output (divided by the batch size); default none.</param>
    /// <param name="kernelConstraint">Projection applied to <c>kernel</c> after each optimizer update; default none.</param>
    /// <param name="recurrentConstraint">Projection applied to <c>recurrent_kernel</c> after each optimizer update; default none.</param>
    /// <param name="biasConstraint">Projection applied to <c>bias</c> after each optimizer update; default none.</param>
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
        int? seed = null,
        bool returnSequences = false,
        bool returnState = false,
        bool goBackwards = false,
        bool stateful = false,
        bool resetAfter = true,
        Shape? inputShape = null,
        string? name = null,
        bool trainable = true,
        Regularizer? kernelRegularizer = null,
        Regularizer? recurrentRegularizer = null,
        Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null,
        Constraint? recurrentConstraint = null,
        Constraint? biasConstraint = null)
        : base(
            new GRUCell(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, dropout,
                recurrentDropout, resetAfter, seed, CellName(nameof(GRU)), trainable,
                kernelRegularizer, recurrentRegularizer, biasRegularizer, kernelConstraint, recurrentConstraint, biasConstraint),
            returnSequences, returnState, goBackwards, stateful, inputShape, name, trainable)
    {
        ActivityRegularizer = activityRegularizer;
    }

    /// <summary>Gets the cell that holds the weights and computes one step.</summary>
    public override GRUCell Cell => (GRUCell)base.Cell;

    /// <summary>Gets the activation of the gates (default <c>sigmoid</c>).</summary>
    public ActivationFunction RecurrentActivation => Cell.RecurrentActivation;

    /// <summary>Gets whether the reset gate applies after the recurrent matrix product.</summary>
    public bool ResetAfter => Cell.ResetAfter;

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

    /// <summary>Reorders the last axis from Keras's gate blocks z, r, h to torch's r, z, n.</summary>
    private Tensor ToTorchGateOrder(Tensor t) =>
        cat([t.narrow(-1, Units, Units), t.narrow(-1, 0, Units), t.narrow(-1, 2L * Units, Units)], -1);

    /// <inheritdoc/>
    internal override RnnBase CloneAs(string name, bool goBackwards) => new GRU(
        Units, Activation, RecurrentActivation, UseBias, KernelInitializer, RecurrentInitializer, BiasInitializer,
        Dropout, RecurrentDropout, Seed, ReturnSequences, ReturnState, goBackwards, Stateful, ResetAfter, null, name, Trainable,
        KernelRegularizer, RecurrentRegularizer, BiasRegularizer, ActivityRegularizer, KernelConstraint, RecurrentConstraint, BiasConstraint);
}
