using DeepKeras.Engine;
using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Models;

/// <summary>
/// A model defined by connecting symbolic tensors (Keras functional API, <c>keras.Model(inputs, outputs)</c>):
/// several inputs and outputs, shared layers (one layer applied to several tensors) and non-linear topologies.
/// </summary>
/// <example><code>
/// var inputs = Keras.Input(shape: 784);
/// var h = new Dense(64, activation: "relu").Apply(inputs);
/// var outputs = new Dense(10).Apply(h);
/// var model = new Functional(inputs, outputs, name: "mlp");
/// </code></example>
public sealed class Functional : Model
{
    private readonly KerasTensor[] _inputs;
    private readonly KerasTensor[] _outputs;
    private readonly List<Node> _nodes;
    private readonly List<Layer> _layers;

    /// <summary>Creates a model with one input and one output.</summary>
    /// <param name="inputs">The symbolic input from <c>Keras.Input</c>.</param>
    /// <param name="outputs">The symbolic output.</param>
    /// <param name="name">The name; default <c>functional</c>, <c>functional_1</c>, ….</param>
    public Functional(KerasTensor inputs, KerasTensor outputs, string? name = null)
        : this([inputs], [outputs], name)
    {
    }

    /// <summary>Creates a model with several inputs and/or outputs.</summary>
    /// <param name="inputs">The symbolic inputs, in the order data is passed to <c>Fit</c>/<c>Predict</c>.</param>
    /// <param name="outputs">The symbolic outputs, in the order of targets and losses.</param>
    /// <param name="name">The name.</param>
    /// <exception cref="ArgumentException">An input is not from <c>Keras.Input</c>, or an output does not depend on the inputs.</exception>
    public Functional(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs, string? name = null)
        : base(string.IsNullOrEmpty(name) ? NameScope.Unique("functional") : name)
    {
        if (inputs.Count == 0 || outputs.Count == 0)
        {
            throw new ArgumentException("A functional model needs at least one input and one output.");
        }

        foreach (var t in inputs)
        {
            if (t.Layer is not InputLayer)
            {
                throw new ArgumentException(
                    $"All `inputs` of a functional model must come from `Keras.Input()`. Received a tensor produced by layer \"{t.Layer.Name}\".", nameof(inputs));
            }
        }

        _inputs = inputs.ToArray();
        _outputs = outputs.ToArray();
        _nodes = TopologicalNodes();
        _layers = [];
        foreach (var n in _nodes)
        {
            if (!_layers.Contains(n.Layer))
            {
                _layers.Add(n.Layer);
                TrackLayer(n.Layer);
            }
        }

        BatchInputShape = _inputs[0].Shape;
        Built = true;
    }

    /// <inheritdoc/>
    public override string ClassName => "Functional";

    /// <summary>Gets the layers in topological order, input layers included.</summary>
    public override IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Gets the symbolic inputs.</summary>
    public IReadOnlyList<KerasTensor> Inputs => _inputs;

    /// <summary>Gets the symbolic outputs.</summary>
    public IReadOnlyList<KerasTensor> Outputs => _outputs;

    /// <inheritdoc/>
    internal override int InputCount => _inputs.Length;

    /// <inheritdoc/>
    internal override IReadOnlyList<string> OutputNames => _outputs.Select(o => o.Layer.Name).ToList();

    /// <summary>Gets the nodes of the graph in execution order (for the summary).</summary>
    internal IReadOnlyList<Node> Nodes => _nodes;

    /// <summary>Gets whether the graph is a chain as Keras's summary defines it (one node per depth, each with one input, no shared layer).</summary>
    internal bool IsSequentialLike => new FunctionalGraph(this).IsSequentialLike;

    private List<Node> TopologicalNodes()
    {
        var ordered = new List<Node>();
        var state = new Dictionary<Node, bool>(ReferenceEqualityComparer.Instance);
        var inputNodes = _inputs.Select(t => t.Node).ToHashSet(ReferenceEqualityComparer.Instance);

        void Visit(Node node)
        {
            if (state.TryGetValue(node, out var done))
            {
                if (!done)
                {
                    throw new ArgumentException($"The graph has a cycle at layer \"{node.Layer.Name}\".");
                }

                return;
            }

            state[node] = false;
            if (node.Inputs.Length == 0 && !inputNodes.Contains(node))
            {
                throw new ArgumentException(
                    $"Graph disconnected: the output depends on input layer \"{node.Layer.Name}\", which is not in the model's `inputs`.");
            }

            foreach (var t in node.Inputs)
            {
                Visit(t.Node);
            }

            state[node] = true;
            ordered.Add(node);
        }

        foreach (var n in inputNodes)
        {
            Visit((Node)n!);
        }

        foreach (var o in _outputs)
        {
            Visit(o.Node);
        }

        return ordered;
    }

    /// <inheritdoc/>
    protected override Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training)
    {
        if (inputs.Count != _inputs.Length)
        {
            throw new ArgumentException(
                $"Model \"{Name}\" expects {_inputs.Length} input(s), but it received {inputs.Count} input tensors.");
        }

        var values = new Dictionary<KerasTensor, (Tensor Value, Tensor? Mask)>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < _inputs.Length; i++)
        {
            CheckInput(i, inputs[i]);
            values[_inputs[i]] = (inputs[i], i == 0 ? mask : null);
        }

        foreach (var node in _nodes)
        {
            if (node.Layer is InputLayer)
            {
                continue;
            }

            var args = node.Inputs.Select(t => values[t]).ToArray();
            var (outs, outMask) = node.Layer.Invoke(args.Select(a => a.Value).ToArray(), args[0].Mask, training);
            for (var j = 0; j < node.Outputs.Length; j++)
            {
                values[node.Outputs[j]] = (outs[j], outMask);
            }
        }

        return _outputs.Select(o => values[o].Value).ToArray();
    }

    private void CheckInput(int index, Tensor value)
    {
        var expected = _inputs[index].Shape;
        var actual = ShapeOf(value);
        var ok = expected.Rank == actual.Rank &&
                 Enumerable.Range(1, expected.Rank - 1).All(i => expected[i] is null || expected[i] == actual[i]);
        if (!ok)
        {
            throw new ArgumentException(
                $"Input {index} of layer \"{Name}\" is incompatible with the layer: expected shape={expected}, found shape={(Shape)value.shape}");
        }
    }

    /// <inheritdoc/>
    public override Shape[] ComputeOutputShapes(IReadOnlyList<Shape> inputShapes) => _outputs.Select(o => o.Shape).ToArray();

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => _outputs[0].Shape;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => Saving.FunctionalConfig.Get(this);
}
