using DeepKeras.Activations;
using DeepKeras.Constraints;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Long Short-Term Memory layer (Keras <c>keras.layers.LSTM</c>, Hochreiter 1997). Gates i, f, c, o in that order in
/// <c>kernel (input_dim, 4·units)</c>, <c>recurrent_kernel (units, 4·units)</c> and <c>bias (4·units)</c>:
/// <c>z = x·W + h·U + b</c>; <c>i = σ(z_i)</c>, <c>f = σ(z_f)</c>, <c>o = σ(z_o)</c>; <c>c' = f·c + i·tanh(z_c)</c>;
/// <c>h' = o·tanh(c')</c>. With <c>returnState</c> the outputs are <c>[output, h, c]</c>.
/// </summary>
/// <example><code>
/// var model = new Sequential(
///     Keras.Input(shape: [null], dtype: "int32"),
///     new Embedding(20000, 128),
///     new Bidirectional(new LSTM(64, returnSequences: true)),
///     new Bidirectional(new LSTM(64)),
///     new Dense(1, activation: "sigmoid"));
/// </code></example>
public sealed class LSTM : RnnBase
{
    /// <summary>Creates the layer.</summary>
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
    /// <param name="returnSequences">Whether to return the whole sequence <c>(batch, time, units)</c> (default: the last output).</param>
    /// <param name="returnState">Whether to also return the final <c>h</c> and <c>c</c>.</param>
    /// <param name="goBackwards">Whether to process the sequence backwards (and return the reversed sequence).</param>
    /// <param name="stateful">Whether each batch starts from the final states of the previous batch.</param>
    /// <param name="inputShape">Input shape without the batch axis, e.g. <c>(timesteps, features)</c>, for a first layer.</param>
    /// <param name="name">Layer name; default <c>lstm</c>, <c>lstm_1</c>, ….</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <param name="kernelRegularizer">Penalty on <c>kernel</c> added to the training loss; default none.</param>
    /// <param name="recurrentRegularizer">Penalty on <c>recurrent_kernel</c>; default none.</param>
    /// <param name="biasRegularizer">Penalty on <c>bias</c>; default none.</param>
    /// <param name="activityRegularizer">Penalty on the output (divided by the batch size); default none.</param>
    /// <param name="kernelConstraint">Projection applied to <c>kernel</c> after each optimizer update; default none.</param>
    /// <param name="recurrentConstraint">Projection applied to <c>recurrent_kernel</c> after each optimizer update; default none.</param>
    /// <param name="biasConstraint">Projection applied to <c>bias</c> after each optimizer update; default none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive or a dropout rate is outside [0, 1).</exception>
    public LSTM(
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
        bool returnSequences = false,
        bool returnState = false,
        bool goBackwards = false,
        bool stateful = false,
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
            new LSTMCell(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, unitForgetBias,
                dropout, recurrentDropout, seed, CellName(nameof(LSTM)), trainable,
                kernelRegularizer, recurrentRegularizer, biasRegularizer, kernelConstraint, recurrentConstraint, biasConstraint),
            returnSequences, returnState, goBackwards, stateful, inputShape, name, trainable)
    {
        ActivityRegularizer = activityRegularizer;
    }

    /// <summary>Gets the cell that holds the weights and computes one step.</summary>
    public override LSTMCell Cell => (LSTMCell)base.Cell;

    /// <summary>Gets the activation of the gates (default <c>sigmoid</c>).</summary>
    public ActivationFunction RecurrentActivation => Cell.RecurrentActivation;

    /// <summary>Gets whether the forget-gate bias is initialized to 1.</summary>
    public bool UnitForgetBias => Cell.UnitForgetBias;

    /// <inheritdoc/>
    private protected override bool CanFuse => Activation.Name == "tanh" && RecurrentActivation.Name == "sigmoid";

    /// <inheritdoc/>
    private protected override (Tensor Sequence, Tensor[] States) RunFused(Tensor x, Tensor[] states)
    {
        // Keras's gate order i, f, c, o is torch's i, f, g, o: the torch weights are the transposed Keras kernels.
        var noBias = zeros(4L * Units, dtype: x.dtype, device: x.device);
        var weights = new FusedRnn.TorchWeights(Kernel!.Value.t(), RecurrentKernel!.Value.t(), Bias?.Value ?? noBias, noBias);
        var (sequence, h, c) = FusedRnn.Lstm(x, states[0], states[1], weights);
        return (sequence, [h, c]);
    }

    /// <inheritdoc/>
    internal override RnnBase CloneAs(string name, bool goBackwards) => new LSTM(
        Units, Activation, RecurrentActivation, UseBias, KernelInitializer, RecurrentInitializer, BiasInitializer, UnitForgetBias,
        Dropout, RecurrentDropout, Seed, ReturnSequences, ReturnState, goBackwards, Stateful, null, name, Trainable,
        KernelRegularizer, RecurrentRegularizer, BiasRegularizer, ActivityRegularizer, KernelConstraint, RecurrentConstraint, BiasConstraint);
}
