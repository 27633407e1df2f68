using System.Text.RegularExpressions;
using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;

namespace DeepKeras.Utils.Plotting;

/// <summary>
/// Writes a model as a Graphviz DOT graph the way Keras's <c>model_to_dot</c> builds it
/// (keras/src/utils/model_visualization.py): one box per layer (a Sequential's layers without its input layer, a
/// functional model's layers in <c>model.layers</c> order, a subclassed model as a single box), edges from each layer
/// to the layers that consume its outputs, and with <c>expandNested</c> every nested functional or Sequential model as
/// a dashed cluster whose edges run from and to the boxes inside it. Boxes are named by layer name.
/// </summary>
internal sealed partial class ModelDot
{
    private readonly ModelDotLabel _label;
    private readonly bool _expandNested;
    private readonly List<string> _lines = [];
    private readonly List<(Layer From, Layer To)> _edges = [];

    private ModelDot(ModelDotLabel label, bool expandNested)
    {
        _label = label;
        _expandNested = expandNested;
    }

    /// <summary>The DOT text of <paramref name="model"/>: a <c>digraph</c>, or with <paramref name="subgraph"/> a dashed <c>cluster_&lt;name&gt;</c> subgraph.</summary>
    public static string Write(Model model, ModelDotLabel label, string rankdir, bool expandNested, int dpi, string splines, bool subgraph) =>
        string.Join("\n", Lines(model, label, rankdir, expandNested, dpi, splines, subgraph)) + "\n";

    private static List<string> Lines(Model model, ModelDotLabel label, string rankdir, bool expandNested, int dpi, string splines, bool subgraph)
    {
        var dot = new ModelDot(label, expandNested);
        if (subgraph)
        {
            dot._lines.AddRange([$"subgraph {Id("cluster_" + model.Name)} {{", "style=dashed;", $"label={Value(model.Name)};", "labeljust=l;"]);
        }
        else
        {
            dot._lines.AddRange([
                "digraph G {", $"rankdir={Value(rankdir)};", "concentrate=True;", $"dpi={dpi};", $"splines={Value(splines)};",
                "node [shape=record];",
            ]);
        }

        dot.AddModel(model, rankdir, dpi, splines);
        dot._lines.AddRange(dot._edges.Select(e => $"{Id(e.From.Name)} -> {Id(e.To.Name)} [penwidth=2];"));
        dot._lines.Add("}");
        return dot._lines;
    }

    /// <summary>Whether Keras expands <paramref name="layer"/> into a cluster: a functional model or a Sequential.</summary>
    private static bool IsGraph(Layer layer) => layer is Sequential || layer is Model { IsFunctional: true };

    private void AddModel(Model model, string rankdir, int dpi, string splines)
    {
        if (!IsGraph(model))
        {
            AddBox(model);
            return;
        }

        var graph = model is Sequential ? null : new FunctionalGraph(model);
        var layers = graph?.Layers ?? model.Layers;
        foreach (var layer in layers)
        {
            if (_expandNested && IsGraph(layer))
            {
                _lines.AddRange(Lines((Model)layer, _label, rankdir, _expandNested, dpi, splines, subgraph: true));
            }
            else
            {
                AddBox(layer);
            }
        }

        if (graph is null)
        {
            // A Sequential's layers form a chain; its input layer has no box.
            for (var i = 0; i + 1 < layers.Count; i++)
            {
                AddEdge(_expandNested ? LastBox(layers[i], 0) : layers[i], _expandNested ? FirstBox(layers[i + 1], 0) : layers[i + 1]);
            }

            return;
        }

        foreach (var layer in layers)
        {
            foreach (var node in layer.InboundNodes.Where(graph.Contains))
            {
                for (var i = 0; i < node.Inputs.Length; i++)
                {
                    var input = node.Inputs[i];
                    AddEdge(_expandNested ? LastBox(input.Layer, input.TensorIndex) : input.Layer, _expandNested ? FirstBox(layer, i) : layer);
                }
            }
        }
    }

    private void AddBox(Layer layer) =>
        _lines.Add($"{Id(layer.Name)} [label={_label.For(layer)}, fontname=Helvetica, border=0, margin=0];");

    private void AddEdge(Layer from, Layer to)
    {
        if (!_edges.Any(e => ReferenceEquals(e.From, from) && ReferenceEquals(e.To, to)))
        {
            _edges.Add((from, to));
        }
    }

    // The box that produces output `index` of `layer`: inside nested models, the layer that computes that output.
    private static Layer LastBox(Layer layer, int index)
    {
        while (IsGraph(layer))
        {
            var output = ((Model)layer).Outputs[index];
            (layer, index) = (output.Layer, output.TensorIndex);
        }

        return layer;
    }

    // The box that receives input `index` of `layer`: a functional model's input layer, a Sequential's first layer.
    private static Layer FirstBox(Layer layer, int index)
    {
        while (IsGraph(layer))
        {
            layer = layer is Sequential s ? s.Layers[0] : ((Model)layer).Inputs[index].Layer;
        }

        return layer;
    }

    private static string Id(string name) => "\"" + name.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Value(string value) => PlainValue().IsMatch(value) ? value : Id(value);

    [GeneratedRegex("^[A-Za-z0-9_.]+$")]
    private static partial Regex PlainValue();
}
