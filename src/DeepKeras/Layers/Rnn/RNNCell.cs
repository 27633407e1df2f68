using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The base of a recurrent cell: the math of one time step, which <see cref="RNN"/> runs over a sequence (Keras's cell
/// contract: <c>state_size</c>, <c>output_size</c>, <c>call(inputs, states, training)</c> returning
/// <c>(output, new_states)</c>, and <c>get_initial_state(batch_size)</c>).
/// </summary>
/// <remarks>
/// A cell is a layer: create its weights in <see cref="Layer.Build(Shape)"/>, which receives the shape of one step
/// <c>(batch, features)</c>, and write the step in <see cref="Call(Tensor, IReadOnlyList{Tensor}, bool)"/>. States travel as a
/// flat list, one tensor per leaf of <see cref="StateSize"/>.
/// </remarks>
/// <example><code>
/// sealed class MinimalRNNCell(int units) : RNNCell
/// {
///     private Variable? _kernel, _recurrentKernel;
///     public override NestedSize StateSize => units;
///     public override void Build(Shape inputShape)
///     {
///         _kernel = AddWeight("kernel", (inputShape[-1]!.Value, units), new RandomUniform());
///         _recurrentKernel = AddWeight("recurrent_kernel", (units, units), new RandomUniform());
///     }
///     protected override RNNCellResult Call(Tensor inputs, IReadOnlyList&lt;Tensor&gt; states, bool training)
///     {
///         var output = inputs.matmul(_kernel!.Value) + states[0].matmul(_recurrentKernel!.Value);
///         return (output, [output]);
///     }
/// }
/// var rnn = new RNN(new MinimalRNNCell(32));   // (batch, time, 5) → (batch, 32)
/// </code></example>
public abstract class RNNCell : Layer
{
    /// <summary>Initializes the cell.</summary>
    /// <param name="name">Cell name; default is the snake_case class name plus a counter.</param>
    /// <param name="trainable">Whether the cell's weights are trained.</param>
    protected RNNCell(string? name = null, bool trainable = true)
        : base(name, trainable)
    {
    }

    /// <summary>Gets the size of the states (Keras <c>state_size</c>): an integer, a shape, or a (nested) list of sizes.</summary>
    public abstract NestedSize StateSize { get; }

    /// <summary>
    /// Gets the size of the step output (Keras <c>output_size</c>); null (the default) means the size of the first state.
    /// A list describes a cell with several outputs.
    /// </summary>
    public virtual NestedSize? OutputSize => null;

    /// <summary>Gets the output size, or the first state's size when the cell gives none.</summary>
    internal NestedSize ResolvedOutputSize => OutputSize ?? StateSize.Flatten() switch
    {
        [var first, ..] => NestedSize.Of(first),
        _ => throw new InvalidOperationException($"Cell \"{Name}\" ({ClassName}) has no states and no OutputSize; give it an OutputSize."),
    };

    /// <summary>
    /// Creates the states the first step starts from (Keras <c>get_initial_state</c>); the default is zeros of shape
    /// <c>(batchSize, …)</c> for every leaf of <see cref="StateSize"/>.
    /// </summary>
    /// <param name="batchSize">The number of sequences in the batch.</param>
    /// <returns>One tensor per state leaf.</returns>
    public virtual IReadOnlyList<Tensor> GetInitialState(long batchSize) => StateSize.Flatten()
        .Select(s => zeros([batchSize, .. s.ToLongArray()], dtype: float32, device: Keras.Backend.TorchDevice))
        .ToArray();

    /// <summary>Runs one step eagerly (Keras <c>cell(inputs, states)</c>): builds the cell on first use, then calls it.</summary>
    /// <param name="inputs">The step's input, <c>(batch, features)</c>.</param>
    /// <param name="states">The previous states, one tensor per leaf of <see cref="StateSize"/>.</param>
    /// <param name="training">True for training behaviour (dropout).</param>
    /// <returns>The step's output(s) and new states.</returns>
    /// <exception cref="ArgumentException">The number of states differs from <see cref="StateSize"/>.</exception>
    public RNNCellResult Apply(Tensor inputs, IReadOnlyList<Tensor> states, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(states);
        var expected = StateSize.Flatten().Count;
        if (states.Count != expected)
        {
            throw new ArgumentException(
                $"Cell \"{Name}\" ({ClassName}) has state_size {StateSize} ({expected} state tensor(s)), but it received {states.Count}.", nameof(states));
        }

        MaybeBuild([ShapeOf(inputs)], [(Shape)inputs.shape]);
        return Call(inputs, states, training);
    }

    /// <summary>Runs one step of a built cell (for <see cref="RNN"/> and <see cref="StackedRNNCells"/>).</summary>
    internal RNNCellResult CallStep(Tensor inputs, IReadOnlyList<Tensor> states, bool training) => Call(inputs, states, training);

    /// <summary>The math of one step (Keras <c>call(inputs, states, training)</c>).</summary>
    /// <param name="inputs">The step's input, <c>(batch, features)</c>.</param>
    /// <param name="states">The previous states, one tensor per leaf of <see cref="StateSize"/>.</param>
    /// <param name="training">True inside <c>Fit</c> (dropout active).</param>
    /// <returns>The step's output(s) and new states.</returns>
    protected abstract RNNCellResult Call(Tensor inputs, IReadOnlyList<Tensor> states, bool training);

    /// <summary>Clears the dropout masks a cell keeps for the steps of one sequence (called by <see cref="RNN"/> around each call).</summary>
    internal virtual void ResetDropoutMasks()
    {
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var leaf = ResolvedOutputSize.Flatten()[0];
        return new Shape([inputShape[0], .. leaf.Dims]);
    }

    /// <inheritdoc/>
    protected override Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training) =>
        throw new NotSupportedException(
            $"Cell \"{Name}\" ({ClassName}) computes one time step from an input and states: run it over a sequence with " +
            "new RNN(cell), or call one step with cell.Apply(inputs, states).");
}
