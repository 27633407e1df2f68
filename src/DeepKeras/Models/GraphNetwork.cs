using DeepKeras.Engine;
using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Models;

/// <summary>
/// The graph of a functionally built model (Keras <c>Functional</c>): its symbolic inputs and outputs, the layer
/// calls between them in execution order, and the eager run of those calls. A <see cref="Functional"/> model and
/// a <see cref="Model"/> subclass built with <c>base(inputs, outputs)</c> share it.
/// </summary>
internal sealed class GraphNetwork
{
    private readonly KerasTensor[] _inputs;
    private readonly KerasTensor[] _outputs;
    private readonly List<Node> _nodes;
    private readonly List<Layer> _layers = [];

    /// <summary>Maps the graph from <paramref name="inputs"/> to <paramref name="outputs"/>.</summary>
    /// <exception cref="ArgumentException">An input is not from <c>Keras.Input</c>, or an output does not depend on the inputs.</exception>
    public GraphNetwork(ModelTensors inputs, ModelTensors outputs)
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
        InputKeys = inputs.Keys;
        OutputKeys = outputs.Keys;
        _nodes = TopologicalNodes();
        foreach (var n in _nodes.Where(n => !_layers.Contains(n.Layer)))
        {
            _layers.Add(n.Layer);
        }
    }

    /// <summary>Gets the symbolic inputs.</summary>
    public IReadOnlyList<KerasTensor> Inputs => _inputs;

    /// <summary>Gets the symbolic outputs.</summary>
    public IReadOnlyList<KerasTensor> Outputs => _outputs;

    /// <summary>Gets the keys of dictionary inputs in <see cref="Inputs"/> order, or null for a list.</summary>
    public IReadOnlyList<string>? InputKeys { get; }

    /// <summary>Gets the keys of dictionary outputs in <see cref="Outputs"/> order, or null for a list.</summary>
    public IReadOnlyList<string>? OutputKeys { get; }

    /// <summary>Gets the layers in execution order, input layers included.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Gets the layer calls in execution order.</summary>
    public IReadOnlyList<Node> Nodes => _nodes;

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

    /// <summary>Runs the layer calls eagerly on <paramref name="inputs"/> and returns the output values.</summary>
    /// <param name="modelName">The model's name, for error messages.</param>
    /// <param name="inputs">One tensor per symbolic input.</param>
    /// <param name="mask">The mask of the first input, or null.</param>
    /// <param name="training">Training mode.</param>
    public Tensor[] Run(string modelName, IReadOnlyList<Tensor> inputs, Tensor? mask, bool training)
    {
        if (inputs.Count != _inputs.Length)
        {
            throw new ArgumentException(
                $"Model \"{modelName}\" expects {_inputs.Length} input(s), but it received {inputs.Count} input tensors.");
        }

        var values = new Dictionary<KerasTensor, (Tensor Value, Tensor? Mask)>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < _inputs.Length; i++)
        {
            CheckInput(modelName, i, inputs[i]);
            values[_inputs[i]] = (ToInputDType(inputs[i], _inputs[i].DType), i == 0 ? mask : null);
        }

        foreach (var node in _nodes)
        {
            if (node.Layer is InputLayer)
            {
                continue;
            }

            var args = node.Inputs.Take(node.PositionalCount).Select(t => values[t]).ToArray();
            if (node.Layer is IStringLayer && node.Inputs[0].DType == "string")
            {
                values[node.Outputs[0]] = (node.Layer.InvokeStrings(args[0].Value), null);
                continue;
            }

            var kwargs = node.Kwargs.Count == 0
                ? null
                : node.Kwargs.ToDictionary(kv => kv.Key, kv => kv.Value is KerasTensor t ? values[t].Value : kv.Value);
            var (outs, outMask) = node.Layer.Invoke(args.Select(a => a.Value).ToArray(), args[0].Mask, training, kwargs);
            for (var j = 0; j < node.Outputs.Length; j++)
            {
                values[node.Outputs[j]] = (outs[j], outMask);
            }
        }

        return _outputs.Select(o => values[o].Value).ToArray();
    }

    /// <summary>
    /// Floating data fed to an integer <c>Input</c> (<c>dtype: "int32"</c>, <c>"int64"</c>, …) becomes integers, as Keras
    /// converts a functional model's inputs to their declared dtype; DeepKeras's integer tensors are int64.
    /// </summary>
    internal static Tensor ToInputDType(Tensor value, string dtype) =>
        value.is_floating_point() && (dtype.StartsWith("int", StringComparison.Ordinal) || dtype.StartsWith("uint", StringComparison.Ordinal))
            ? value.to(ScalarType.Int64)
            : value;

    private void CheckInput(string modelName, int index, Tensor value)
    {
        var expected = _inputs[index].Shape;
        var actual = Layer.ShapeOf(value);
        var ok = expected.Rank == actual.Rank &&
                 Enumerable.Range(1, expected.Rank - 1).All(i => expected[i] is null || expected[i] == actual[i]);
        if (!ok)
        {
            throw new ArgumentException(
                $"Input {index} of layer \"{modelName}\" is incompatible with the layer: expected shape={expected}, found shape={(Shape)value.shape}");
        }
    }
}
