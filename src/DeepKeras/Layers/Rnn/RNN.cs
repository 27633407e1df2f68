using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Runs a recurrent cell over the time axis of a sequence (Keras <c>keras.layers.RNN</c>): the cell computes one step
/// from the step's input and the previous states; this layer loops over the steps, handles masks, direction, initial
/// and kept states, and returns the last output or the whole sequence, optionally followed by the final states.
/// </summary>
/// <remarks>
/// <para>Inputs are <c>(batch, timesteps, features…)</c>. Extra inputs after the sequence are the initial states
/// (Keras <c>initial_state</c>), one per leaf of the cell's <see cref="RNNCell.StateSize"/>. With a mask, masked steps
/// keep the previous states and repeat the previous output (or output zeros with <see cref="ZeroOutputForMask"/>).</para>
/// <para>Outputs are flat: the output (one tensor per leaf of the cell's <see cref="RNNCell.OutputSize"/>), then, with
/// <see cref="ReturnState"/>, every final state in the order of <see cref="RNNCell.StateSize"/>, e.g.
/// <c>[output, h₁, c₁, h₂]</c> for <c>RNN([LSTMCell, GRUCell], returnState: true)</c>.</para>
/// </remarks>
/// <example><code>
/// var lstm = new RNN(new LSTMCell(64));                          // (batch, time, 28) → (batch, 64)
/// var stacked = new RNN([new LSTMCell(32), new GRUCell(16)]);   // a list of cells is a StackedRNNCells
/// </code></example>
public partial class RNN : Layer
{
    private readonly RNNCell _cell;
    private Tensor[]? _states;

    /// <summary>Creates the layer.</summary>
    /// <param name="cell">The cell computing one step (a <see cref="StackedRNNCells"/> for several cells).</param>
    /// <param name="returnSequences">Whether to return the whole output sequence (default: the last output).</param>
    /// <param name="returnState">Whether to also return the final states.</param>
    /// <param name="goBackwards">Whether to process the sequence backwards (and return the reversed sequence).</param>
    /// <param name="stateful">Whether each batch starts from the final states of the previous batch (same batch size every call).</param>
    /// <param name="unroll">Keras's unrolling switch, kept for configs; the loop is eager either way, so results are the same.</param>
    /// <param name="zeroOutputForMask">Whether masked steps output zeros instead of the previous output.</param>
    /// <param name="inputShape">Input shape without the batch axis, e.g. <c>(timesteps, features)</c>, for a first layer.</param>
    /// <param name="name">Layer name; default <c>rnn</c>, <c>rnn_1</c>, ….</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <exception cref="ArgumentNullException"><paramref name="cell"/> is null.</exception>
    public RNN(
        RNNCell cell,
        bool returnSequences = false,
        bool returnState = false,
        bool goBackwards = false,
        bool stateful = false,
        bool unroll = false,
        bool zeroOutputForMask = false,
        Shape? inputShape = null,
        string? name = null,
        bool trainable = true)
        : base(name, trainable, inputShape)
    {
        ArgumentNullException.ThrowIfNull(cell, nameof(cell));
        _cell = TrackLayer(cell);
        if (!trainable)
        {
            Trainable = false;
        }

        ReturnSequences = returnSequences;
        ReturnState = returnState;
        GoBackwards = goBackwards;
        Stateful = stateful;
        Unroll = unroll;
        ZeroOutputForMask = zeroOutputForMask;
    }

    /// <summary>Creates the layer over a stack of cells (Keras <c>RNN([cell, cell])</c>: a <see cref="StackedRNNCells"/>).</summary>
    /// <param name="cells">The cells, bottom first.</param>
    /// <param name="returnSequences">Whether to return the whole output sequence (default: the last output).</param>
    /// <param name="returnState">Whether to also return the final states of every cell.</param>
    /// <param name="goBackwards">Whether to process the sequence backwards (and return the reversed sequence).</param>
    /// <param name="stateful">Whether each batch starts from the final states of the previous batch.</param>
    /// <param name="unroll">Keras's unrolling switch, kept for configs; results are the same either way.</param>
    /// <param name="zeroOutputForMask">Whether masked steps output zeros instead of the previous output.</param>
    /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
    /// <param name="name">Layer name; default <c>rnn</c>, <c>rnn_1</c>, ….</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <exception cref="ArgumentException">No cells, or a cell is null.</exception>
    public RNN(
        IEnumerable<RNNCell> cells,
        bool returnSequences = false,
        bool returnState = false,
        bool goBackwards = false,
        bool stateful = false,
        bool unroll = false,
        bool zeroOutputForMask = false,
        Shape? inputShape = null,
        string? name = null,
        bool trainable = true)
        : this(new StackedRNNCells(cells), returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, inputShape, name,
            trainable)
    {
    }

    /// <summary>Gets the cell that computes one step.</summary>
    public virtual RNNCell Cell => _cell;

    /// <summary>Gets whether the whole output sequence is returned instead of the last output.</summary>
    public bool ReturnSequences { get; }

    /// <summary>Gets whether the final states are returned after the output.</summary>
    public bool ReturnState { get; }

    /// <summary>Gets whether the sequence is processed backwards (the returned sequence is then reversed too).</summary>
    public bool GoBackwards { get; }

    /// <summary>Gets whether the final states of a batch are the initial states of the next batch.</summary>
    public bool Stateful { get; }

    /// <summary>Gets Keras's unrolling switch (stored in the config; it does not change the results).</summary>
    public bool Unroll { get; }

    /// <summary>Gets whether masked time steps output zeros instead of the previous output (<see cref="Bidirectional"/> sets it).</summary>
    public bool ZeroOutputForMask { get; internal set; }

    /// <summary>Gets the size of the cell's states (Keras <c>state_size</c>).</summary>
    public NestedSize StateSize => Cell.StateSize;

    /// <summary>
    /// Gets the states a stateful layer carries to the next batch, one tensor per state leaf (h, and c for an LSTM). They
    /// exist once the batch size is known (at build with a fixed batch size, else at the first call); after
    /// <see cref="ResetStates"/> they are zeros of the same shape. Null for a layer that is not stateful.
    /// </summary>
    public IReadOnlyList<Tensor>? States => _states;

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <summary>Gets the exact input rank the layer requires (3 for the built-in recurrent layers), or null for rank 3 or more.</summary>
    private protected virtual int? ExactRank => null;

    /// <summary>
    /// Resets the states of a stateful layer (Keras <c>reset_states</c>): they become zeros of the same shape
    /// <c>(batch, …)</c>, so the next call starts from zeros. Does nothing when there are no states.
    /// </summary>
    public void ResetStates()
    {
        if (_states is not { } old)
        {
            return;
        }

        _states = old.Select(s => zeros_like(s).DetachFromDisposeScope()).ToArray();
        foreach (var s in old)
        {
            s.Dispose();
        }
    }

    /// <summary>Resets the states of a stateful layer (Keras 3 name, same as <see cref="ResetStates"/>).</summary>
    public void ResetState() => ResetStates();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _states is { } states)
        {
            _states = null;
            foreach (var s in states)
            {
                s.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Creates the states a sequence starts from when none are given (Keras <c>get_initial_state</c>): the cell's.</summary>
    /// <param name="batchSize">The number of sequences in the batch.</param>
    /// <returns>One tensor per state leaf, zeros for the built-in cells.</returns>
    public IReadOnlyList<Tensor> GetInitialState(long batchSize) => Cell.GetInitialState(batchSize);

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        CheckInputShape(inputShape);
        Cell.MaybeBuild([new Shape([inputShape[0], .. inputShape.Dims.Skip(2)])]);
        if (Stateful && _states is null && inputShape[0] is { } batch)
        {
            // Keras creates the states of a stateful layer when it is built with a fixed batch size.
            _states = NewStates(Cell.GetInitialState(batch), null);
        }
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => ComputeOutputShapes([inputShape])[0];

    /// <inheritdoc/>
    public override Shape[] ComputeOutputShapes(IReadOnlyList<Shape> inputShapes)
    {
        var s = inputShapes[0];
        CheckInputShape(s);
        var outputs = Cell.ResolvedOutputSize.Flatten()
            .Select(leaf => ReturnSequences ? new Shape([s[0], s[1], .. leaf.Dims]) : new Shape([s[0], .. leaf.Dims]));
        var states = StateSize.Flatten().Select(leaf => new Shape([s[0], .. leaf.Dims]));
        return ReturnState ? [.. outputs, .. states] : [.. outputs];
    }

    /// <inheritdoc/>
    public override Tensor? ComputeMask(IReadOnlyList<Tensor> inputs, Tensor? mask) => ReturnSequences ? mask : null;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["return_sequences"] = ReturnSequences;
        c["return_state"] = ReturnState;
        c["go_backwards"] = GoBackwards;
        c["stateful"] = Stateful;
        c["unroll"] = Unroll;
        c["zero_output_for_mask"] = ZeroOutputForMask;
        c["cell"] = Serialize(Cell);
        return c;
    }

    /// <inheritdoc/>
    protected internal override IEnumerable<KeyValuePair<string, object>> SaveableSublayers() => [new("cell", Cell)];

    /// <summary>Checks the rank of an input shape and, once the cell is built, the sizes of its step axes.</summary>
    private void CheckInputShape(Shape shape)
    {
        var prefix = $"Input 0 of layer \"{Name}\" is incompatible with the layer: ";
        if (ExactRank is { } rank && shape.Rank != rank)
        {
            throw new ArgumentException($"{prefix}expected ndim={rank}, found ndim={shape.Rank}. Full shape received: {shape}");
        }

        if (shape.Rank < 3)
        {
            throw new ArgumentException(
                $"{prefix}expected min_ndim=3 (batch, timesteps, features), found ndim={shape.Rank}. Full shape received: {shape}");
        }

        if (Cell.BuildShapes is [var step])
        {
            for (var i = 1; i < step.Rank && i + 1 < shape.Rank; i++)
            {
                if (step[i] is { } size && shape[i + 1] is { } actual && actual != size)
                {
                    throw new ArgumentException(
                        $"{prefix}expected axis {i + 1 - shape.Rank} of input shape to have value {size}, but received input with shape {shape}");
                }
            }
        }
    }
}
