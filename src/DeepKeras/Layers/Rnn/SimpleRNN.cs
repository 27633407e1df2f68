using DeepKeras.Activations;
using DeepKeras.Constraints;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;

namespace DeepKeras.Layers;

/// <summary>
/// Fully-connected RNN whose output is fed back as the next input state (Keras <c>keras.layers.SimpleRNN</c>):
/// <c>h' = activation(x·kernel + h·recurrent_kernel + bias)</c> with <c>kernel (input_dim, units)</c>,
/// <c>recurrent_kernel (units, units)</c>, <c>bias (units)</c>.
/// </summary>
public sealed class SimpleRNN : RnnBase
{
    /// <summary>Creates the layer.</summary>
    /// <param name="units">Positive dimensionality of the output and state.</param>
    /// <param name="activation">Activation (default <c>tanh</c>).</param>
    /// <param name="useBias">Whether to add a bias (default true).</param>
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
    /// <param name="inputShape">Input shape without the batch axis, e.g. <c>(timesteps, features)</c>, for a first layer.</param>
    /// <param name="name">Layer name; default <c>simple_rnn</c>, <c>simple_rnn_1</c>, ….</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <param name="kernelRegularizer">Penalty on <c>kernel</c> added to the training loss; default none.</param>
    /// <param name="recurrentRegularizer">Penalty on <c>recurrent_kernel</c>; default none.</param>
    /// <param name="biasRegularizer">Penalty on <c>bias</c>; default none.</param>
    /// <param name="activityRegularizer">Penalty on the output (divided by the batch size); default none.</param>
    /// <param name="kernelConstraint">Projection applied to <c>kernel</c> after each optimizer update; default none.</param>
    /// <param name="recurrentConstraint">Projection applied to <c>recurrent_kernel</c> after each optimizer update; default none.</param>
    /// <param name="biasConstraint">Projection applied to <c>bias</c> after each optimizer update; default none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive or a dropout rate is outside [0, 1).</exception>
    public SimpleRNN(
        int units,
        ActivationFunction? activation = null,
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
            new SimpleRNNCell(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, dropout, recurrentDropout, seed,
                CellName(nameof(SimpleRNN)), trainable,
                kernelRegularizer, recurrentRegularizer, biasRegularizer, kernelConstraint, recurrentConstraint, biasConstraint),
            returnSequences, returnState, goBackwards, stateful, inputShape, name, trainable)
    {
        ActivityRegularizer = activityRegularizer;
    }

    /// <summary>Gets the cell that holds the weights and computes one step.</summary>
    public override SimpleRNNCell Cell => (SimpleRNNCell)base.Cell;

    /// <inheritdoc/>
    private protected override bool CanFuse => Activation.Name is "tanh" or "relu";

    /// <inheritdoc/>
    private protected override (Tensor Sequence, Tensor[] States) RunFused(Tensor x, Tensor[] states)
    {
        var noBias = zeros(Units, dtype: x.dtype, device: x.device);
        var weights = new FusedRnn.TorchWeights(Kernel!.Value.t(), RecurrentKernel!.Value.t(), Bias?.Value ?? noBias, noBias);
        var (sequence, h) = FusedRnn.SingleState(Activation.Name == "tanh" ? "rnn_tanh" : "rnn_relu", x, states[0], weights);
        return (sequence, [h]);
    }

    /// <inheritdoc/>
    internal override RnnBase CloneAs(string name, bool goBackwards) => new SimpleRNN(
        Units, Activation, UseBias, KernelInitializer, RecurrentInitializer, BiasInitializer, Dropout, RecurrentDropout, Seed,
        ReturnSequences, ReturnState, goBackwards, Stateful, null, name, Trainable,
        KernelRegularizer, RecurrentRegularizer, BiasRegularizer, ActivityRegularizer, KernelConstraint, RecurrentConstraint, BiasConstraint);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        // Keras's SimpleRNN, unlike LSTM and GRU, does not list a seed.
        var c = base.GetConfig();
        c.Remove("seed");
        return c;
    }
}
