using DeepKeras.Engine;
using DeepKeras.Layers;

namespace DeepKeras.Models;

/// <summary>
/// The depth view of a functional graph that Keras's <c>map_graph</c> computes (keras/src/ops/function.py): the depth
/// of a node is its distance from the outputs; layers are listed from the deepest to depth 0, ties in the order a
/// depth-first walk from the outputs first reaches them. The summary lists layers in this order and decides from it
/// whether the model is "sequential-like".
/// </summary>
internal sealed class FunctionalGraph
{
    private readonly Dictionary<Node, int> _nodeDepths = new(ReferenceEqualityComparer.Instance);

    /// <summary>Maps the graph of <paramref name="model"/>.</summary>
    public FunctionalGraph(Model model)
        : this(model.Inputs, model.Outputs)
    {
    }

    /// <summary>Maps the graph from <paramref name="inputs"/> to <paramref name="outputs"/>.</summary>
    public FunctionalGraph(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs)
    {
        var ordered = new List<Node>();
        var layerIndex = new Dictionary<Layer, int>(ReferenceEqualityComparer.Instance);
        var finished = new HashSet<Node>(ReferenceEqualityComparer.Instance);

        void Visit(Node node)
        {
            if (!finished.Add(node))
            {
                return;
            }

            layerIndex.TryAdd(node.Layer, layerIndex.Count);
            foreach (var input in node.Inputs)
            {
                Visit(input.Node);
            }

            ordered.Add(node);
        }

        foreach (var output in outputs)
        {
            Visit(output.Node);
        }

        var layerDepths = new Dictionary<Layer, int>(ReferenceEqualityComparer.Instance);
        for (var i = ordered.Count - 1; i >= 0; i--)
        {
            var node = ordered[i];
            var depth = Math.Max(_nodeDepths.GetValueOrDefault(node), layerDepths.GetValueOrDefault(node.Layer));
            layerDepths[node.Layer] = depth;
            _nodeDepths[node] = depth;
            foreach (var parent in node.Inputs.Select(t => t.Node).Where(finished.Contains))
            {
                _nodeDepths[parent] = Math.Max(depth + 1, _nodeDepths.GetValueOrDefault(parent));
            }
        }

        // Inputs that no output depends on are kept, at depth 0 and before the other layers of that depth.
        foreach (var input in inputs.Where(t => !layerDepths.ContainsKey(t.Layer)))
        {
            layerDepths[input.Layer] = 0;
            layerIndex[input.Layer] = -1;
            _nodeDepths[input.Node] = 0;
        }

        Layers = layerDepths.Keys.OrderByDescending(l => layerDepths[l]).ThenBy(l => layerIndex[l]).ToList();
    }

    /// <summary>Gets the layers, deepest first (Keras <c>model.layers</c> order).</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>Gets whether the node belongs to this graph.</summary>
    public bool Contains(Node node) => _nodeDepths.ContainsKey(node);

    /// <summary>
    /// Gets whether the graph is a chain: one node per depth, no node with several inputs, no layer called twice.
    /// Such models get the three-column summary.
    /// </summary>
    public bool IsSequentialLike
    {
        get
        {
            var byDepth = _nodeDepths.GroupBy(kv => kv.Value, kv => kv.Key).ToList();
            if (byDepth.Any(g => g.Count() > 1 || g.First().Inputs.Length > 1))
            {
                return false;
            }

            return Layers.All(l => l.InboundNodes.Count(Contains) <= 1);
        }
    }
}
