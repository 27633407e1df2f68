using DeepKeras.Activations;
using DeepKeras.Constraints;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// One step of a fully-connected RNN (Keras <c>keras.layers.SimpleRNNCell</c>), run over a sequence by
/// <see cref="RNN"/>: <c>h' = activation(x·kernel + h·recurrent_kernel + bias)</c> with <c>kernel (input_dim, units)</c>,
/// <c>recurrent_kernel (units, units)</c> and <c>bias (units)</c>; the output is <c>h'</c>.
/// </summary>
/// <example><code>
/// var rnn = new RNN(new SimpleRNNCell(4), returnSequences: true);   // (batch, time, 8) → (batch, time, 4)
/// </code></example>
public sealed class SimpleRNNCell : DenseRNNCell
{
    /// <summary>Creates the cell.</summary>
    /// <param name="units">Positive dimensionality of the output and state.</param>
    /// <param name="activation">Activation (default <c>tanh</c>; <c>"linear"</c> for none).</param>
    /// <param name="useBias">Whether to add a bias (default true).</param>
    /// <param name="kernelInitializer">Initializer of <c>kernel</c> (default <c>glorot_uniform</c>).</param>
    /// <param name="recurrentInitializer">Initializer of <c>recurrent_kernel</c> (default <c>orthogonal</c>).</param>
    /// <param name="biasInitializer">Initializer of <c>bias</c> (default <c>zeros</c>).</param>
    /// <param name="dropout">Fraction of input units dropped in training, in [0, 1).</param>
    /// <param name="recurrentDropout">Fraction of recurrent units dropped in training, in [0, 1).</param>
    /// <param name="seed">Seed of the dropout masks; null draws from the global generator.</param>
    /// <param name="name">Cell name; default <c>simple_rnn_cell</c>, <c>simple_rnn_cell_1</c>, ….</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <param name="kernelRegularizer">Penalty on <c>kernel</c> added to the training loss; default none.</param>
    /// <param name="recurrentRegularizer">Penalty on <c>recurrent_kernel</c>; default none.</param>
    /// <param name="biasRegularizer">Penalty on <c>bias</c>; default none.</param>
    /// <param name="kernelConstraint">Projection applied to <c>kernel</c> after each optimizer update; default none.</param>
    /// <param name="recurrentConstraint">Projection applied to <c>recurrent_kernel</c> after each optimizer update; default none.</param>
    /// <param name="biasConstraint">Projection applied to <c>bias</c> after each optimizer update; default none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive or a dropout rate is outside [0, 1).</exception>
    public SimpleRNNCell(
        int units,
        ActivationFunction? activation = null,
        bool useBias = true,
        Initializer? kernelInitializer = null,
        Initializer? recurrentInitializer = null,
        Initializer? biasInitializer = null,
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
    }

    /// <inheritdoc/>
    public override NestedSize StateSize => Units;

    /// <inheritdoc/>
    private protected override int GateCount => 1;

    /// <inheritdoc/>
    private protected override Tensor[] Step(Tensor projected, IReadOnlyList<Tensor> states, Tensor? recurrentMasks) =>
        [Activation.Call(projected.add(RecurrentProject(states[0], RecurrentKernel!.Value, recurrentMasks), ScalarScope.One))];
}
