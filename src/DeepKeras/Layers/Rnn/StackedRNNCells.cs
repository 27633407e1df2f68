using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// A stack of cells that behaves as one cell (Keras <c>keras.layers.StackedRNNCells</c>): at each step the first cell
/// reads the input, every next cell reads the output of the one below, and the output is the last cell's. The states are
/// every cell's states in order (<c>state_size = [cell₁.state_size, cell₂.state_size, …]</c>). <c>new RNN([a, b])</c>
/// stacks the cells this way.
/// </summary>
/// <example><code>
/// var rnn = new RNN(new StackedRNNCells([new LSTMCell(128), new LSTMCell(128)]));
/// </code></example>
public sealed class StackedRNNCells : RNNCell
{
    /// <summary>Creates the stack.</summary>
    /// <param name="cells">The cells, bottom first; each feeds its output to the next.</param>
    /// <param name="name">Name; default <c>stacked_rnn_cells</c>, <c>stacked_rnn_cells_1</c>, ….</param>
    /// <param name="trainable">Whether the cells' weights are trained.</param>
    /// <exception cref="ArgumentException">No cells, or a cell is null.</exception>
    public StackedRNNCells(IEnumerable<RNNCell> cells, string? name = null, bool trainable = true)
        : base(name, trainable)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var list = cells.ToList();
        if (list.Count == 0 || list.Any(c => c is null))
        {
            throw new ArgumentException(
                $"StackedRNNCells needs a list of RNN cells (none of them null). Received: {list.Count} cell(s){(list.Count > 0 ? ", some null" : "")}",
                nameof(cells));
        }

        Cells = list;
        foreach (var cell in list)
        {
            TrackLayer(cell);
        }

        if (!trainable)
        {
            Trainable = false;
        }
    }

    /// <summary>Gets the cells, bottom first.</summary>
    public IReadOnlyList<RNNCell> Cells { get; }

    /// <inheritdoc/>
    public override NestedSize StateSize => NestedSize.List(Cells.Select(c => c.StateSize));

    /// <inheritdoc/>
    public override NestedSize? OutputSize => Cells[^1].ResolvedOutputSize;

    /// <inheritdoc/>
    public override IReadOnlyList<Tensor> GetInitialState(long batchSize) =>
        Cells.SelectMany(c => c.GetInitialState(batchSize)).ToArray();

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        var shape = inputShape;
        foreach (var cell in Cells)
        {
            cell.MaybeBuild([shape]);
            shape = new Shape([shape[0], .. SingleOutput(cell).Dims]);
        }
    }

    /// <inheritdoc/>
    protected override RNNCellResult Call(Tensor inputs, IReadOnlyList<Tensor> states, bool training)
    {
        var newStates = new List<Tensor>(states.Count);
        var offset = 0;
        IReadOnlyList<Tensor> outputs = [inputs];
        for (var i = 0; i < Cells.Count; i++)
        {
            var cell = Cells[i];
            if (outputs.Count != 1)
            {
                throw new InvalidOperationException(
                    $"Cell \"{Cells[i - 1].Name}\" of \"{Name}\" returned {outputs.Count} outputs, but the next cell in the stack reads one input.");
            }

            var count = cell.StateSize.Flatten().Count;
            var step = cell.CallStep(outputs[0], states.Skip(offset).Take(count).ToArray(), training);
            offset += count;
            outputs = step.Outputs;
            newStates.AddRange(step.States);
        }

        return new RNNCellResult(outputs, newStates);
    }

    /// <inheritdoc/>
    internal override void ResetDropoutMasks()
    {
        foreach (var cell in Cells)
        {
            cell.ResetDropoutMasks();
        }
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["cells"] = Serialize(Cells);
        return c;
    }

    /// <inheritdoc/>
    protected internal override IEnumerable<KeyValuePair<string, object>> SaveableSublayers() => [new("cells", Cells)];

    private Shape SingleOutput(RNNCell cell) => cell.ResolvedOutputSize.Flatten() switch
    {
        [var only] => only,
        var many when cell != Cells[^1] => throw new InvalidOperationException(
            $"Cell \"{cell.Name}\" of \"{Name}\" has {many.Count} outputs (output_size {cell.ResolvedOutputSize}), but the next cell in the stack reads one input."),
        var many => many[0],
    };
}
