using DeepKeras.Activations;
using DeepKeras.Initializers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// What <see cref="SimpleRNN"/>, <see cref="LSTM"/> and <see cref="GRU"/> share: an <see cref="RNN"/> over their built-in
/// cell (<see cref="SimpleRNNCell"/>, <see cref="LSTMCell"/>, <see cref="GRUCell"/>, named <c>simple_rnn_cell</c>,
/// <c>lstm_cell</c>, <c>gru_cell</c> as in Keras), whose weights and options the layer shows as its own.
/// </summary>
/// <remarks>
/// Inputs are <c>(batch, timesteps, features)</c>. Extra inputs after the sequence are initial states
/// (Keras <c>initial_state</c>): <c>lstm.ApplySymbolic([x, h0, c0])</c>. Without a mask, recurrent dropout or custom
/// activations the layer runs libtorch's fused sequence kernel; otherwise it steps through time with the cell.
/// </remarks>
public abstract class RnnBase : RNN
{
    /// <summary>Stores the configuration shared by recurrent layers.</summary>
    private protected RnnBase(
        DenseRNNCell cell,
        bool returnSequences,
        bool returnState,
        bool goBackwards,
        bool stateful,
        Shape? inputShape,
        string? name,
        bool trainable)
        : base(cell, returnSequences, returnState, goBackwards, stateful, unroll: false, zeroOutputForMask: false, inputShape, name, trainable)
    {
    }

    /// <summary>Gets the built-in cell that holds the weights and computes one step.</summary>
    public override DenseRNNCell Cell => (DenseRNNCell)base.Cell;

    /// <summary>Gets the dimensionality of the output and of each state.</summary>
    public int Units => Cell.Units;

    /// <summary>Gets the activation of the candidate state (default <c>tanh</c>).</summary>
    public ActivationFunction Activation => Cell.Activation;

    /// <summary>Gets whether the layer has a bias.</summary>
    public bool UseBias => Cell.UseBias;

    /// <summary>Gets the initializer of <c>kernel</c> (default <c>glorot_uniform</c>).</summary>
    public Initializer KernelInitializer => Cell.KernelInitializer;

    /// <summary>Gets the initializer of <c>recurrent_kernel</c> (default <c>orthogonal</c>).</summary>
    public Initializer RecurrentInitializer => Cell.RecurrentInitializer;

    /// <summary>Gets the initializer of <c>bias</c> (default <c>zeros</c>).</summary>
    public Initializer BiasInitializer => Cell.BiasInitializer;

    /// <summary>Gets the fraction of input units dropped in training (one mask per batch, shared by all time steps).</summary>
    public double Dropout => Cell.Dropout;

    /// <summary>Gets the fraction of recurrent-state units dropped in training.</summary>
    public double RecurrentDropout => Cell.RecurrentDropout;

    /// <summary>Gets the seed of the dropout masks; null draws from the global generator.</summary>
    public int? Seed => Cell.Seed;

    /// <summary>Gets the input-to-gates weights, shape <c>(input_dim, gates·units)</c>; null before build.</summary>
    public Variable? Kernel => Cell.Kernel;

    /// <summary>Gets the state-to-gates weights, shape <c>(units, gates·units)</c>; null before build.</summary>
    public Variable? RecurrentKernel => Cell.RecurrentKernel;

    /// <summary>Gets the bias; null without bias or before build.</summary>
    public Variable? Bias => Cell.Bias;

    /// <inheritdoc/>
    private protected override int? ExactRank => 3;

    /// <summary>Gets whether the fused libtorch kernel computes exactly this layer's formula (activations, GRU variant).</summary>
    private protected abstract bool CanFuse { get; }

    /// <summary>Runs the fused kernel over the whole sequence.</summary>
    /// <param name="x">The (already dropped-out) input <c>(batch, time, features)</c>.</param>
    /// <param name="states">The initial states.</param>
    /// <returns>The output sequence and the final states.</returns>
    private protected abstract (Tensor Sequence, Tensor[] States) RunFused(Tensor x, Tensor[] states);

    /// <inheritdoc/>
    private protected override (Tensor[]? Sequences, Tensor[] Last, Tensor[] States) RunSequence(
        Tensor x, Tensor[] states, Tensor? mask, bool training)
    {
        var cell = Cell;
        if (mask is not null || !CanFuse || (training && cell.RecurrentDropout > 0))
        {
            return base.RunSequence(x, states, mask, training);
        }

        var input = training && cell.Dropout > 0 ? x * cell.InputMasks(x)[0].unsqueeze(1) : x;
        var (sequence, final) = RunFused(input, states);
        return ([sequence], [final[0]], final);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        // Keras's LSTM/GRU/SimpleRNN config: the RNN keys without `cell`, then the cell's arguments as the layer's own.
        var c = base.GetConfig();
        c.Remove("cell");
        foreach (var (key, value) in Cell.GetConfig().Where(kv => kv.Key is not ("name" or "trainable" or "dtype")))
        {
            c[key] = value;
        }

        c["activity_regularizer"] = Serialize(ActivityRegularizer);
        return c;
    }

    /// <summary>Creates a layer with the same configuration, another name and the opposite direction (for <see cref="Bidirectional"/>).</summary>
    /// <param name="name">The new name.</param>
    /// <param name="goBackwards">The direction of the copy.</param>
    internal abstract RnnBase CloneAs(string name, bool goBackwards);

    /// <summary>The name Keras gives the cell of a built-in layer: <c>lstm_cell</c>, <c>gru_cell</c>, <c>simple_rnn_cell</c>.</summary>
    private protected static string CellName(string layerClass) => Engine.NameScope.ToSnakeCase(layerClass) + "_cell";
}
