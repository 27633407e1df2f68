using System.Reflection;
using DeepKeras.Activations;
using DeepKeras.Engine;
using DeepKeras.Layers;

namespace DeepKeras.Utils.Plotting;

/// <summary>
/// What a layer's box shows in a model plot, and the HTML-like Graphviz table Keras draws for it
/// (keras/src/utils/model_visualization.py <c>make_layer_label</c>): a black title row with the layer name and class,
/// an optional activation row, then one cell each for input shape, output shape, output dtype and trainability.
/// </summary>
/// <param name="ShowShapes">Show the input and output shapes.</param>
/// <param name="ShowDtype">Show the output dtype.</param>
/// <param name="ShowLayerNames">Title with the layer name; otherwise the class name only.</param>
/// <param name="ShowLayerActivations">Show the activation of layers that have one.</param>
/// <param name="ShowTrainable">Mark layers with weights as trainable or not.</param>
internal sealed record ModelDotLabel(bool ShowShapes, bool ShowDtype, bool ShowLayerNames, bool ShowLayerActivations, bool ShowTrainable)
{
    /// <summary>The HTML-like label of <paramref name="layer"/>'s box, <c>&lt;&lt;table ...&gt;&gt;</c>.</summary>
    public string For(Layer layer)
    {
        var colspan = Math.Max(1, (ShowDtype ? 1 : 0) + (ShowTrainable ? 1 : 0) + (ShowShapes ? 2 : 0));
        var title = ShowLayerNames ? $"<b>{layer.Name}</b> ({layer.ClassName})" : $"<b>{layer.ClassName}</b>";
        var table = "<<table border=\"0\" cellborder=\"1\" bgcolor=\"black\" cellpadding=\"10\">" +
                    $"<tr><td colspan=\"{colspan}\" bgcolor=\"black\"><font point-size=\"16\" color=\"white\">{title}</font></td></tr>";
        if (ShowLayerActivations && ActivationName(layer) is { } activation)
        {
            table += $"<tr><td bgcolor=\"white\" colspan=\"{colspan}\"><font point-size=\"14\">Activation: <b>{activation}</b></font></td></tr>";
        }

        var cells = new List<string>();
        var node = layer.InboundNodes.Count > 0 ? layer.InboundNodes[0] : null;
        if (ShowShapes)
        {
            if (layer is not InputLayer)
            {
                cells.Add(WhiteCell("Input shape", node is null ? "?" : Format(node.Inputs, t => t.Shape.ToString())));
            }

            cells.Add(WhiteCell("Output shape", node is null ? "?" : Format(node.Outputs, t => t.Shape.ToString())));
        }

        if (ShowDtype)
        {
            cells.Add(WhiteCell("Output dtype", node is null ? "?" : Format(node.Outputs, t => $"'{t.DType}'", t => t.DType)));
        }

        if (ShowTrainable && layer.Weights.Count > 0)
        {
            cells.Add(layer.Trainable
                ? "<td bgcolor=\"forestgreen\"><font point-size=\"14\" color=\"white\"><b>Trainable</b></font></td>"
                : "<td bgcolor=\"firebrick\"><font point-size=\"14\" color=\"white\"><b>Non-trainable</b></font></td>");
        }

        if (cells.Count > 0)
        {
            table += $"<tr>{string.Concat(cells)}</tr>";
        }

        return table + "</table>>";
    }

    private static string WhiteCell(string caption, string value) =>
        $"<td bgcolor=\"white\"><font point-size=\"14\">{caption}: <b>{value}</b></font></td>";

    // One tensor prints as itself, several as a Python list of them (Keras maps over layer.input / layer.output).
    private static string Format(KerasTensor[] tensors, Func<KerasTensor, string> inList, Func<KerasTensor, string>? single = null) =>
        tensors.Length == 1 ? (single ?? inList)(tensors[0]) : "[" + string.Join(", ", tensors.Select(inList)) + "]";

    // Keras shows `layer.activation` for every layer that has that attribute (Dense, Conv2D, LSTM, Activation, ...):
    // here the public `Activation` property of those layers, and the function of the Activation layer.
    private static string? ActivationName(Layer layer)
    {
        if (layer is Activation a)
        {
            return a.Function.Name;
        }

        return layer.GetType().GetProperty("Activation", BindingFlags.Public | BindingFlags.Instance) is { } p &&
               p.PropertyType == typeof(ActivationFunction) && p.GetValue(layer) is ActivationFunction f
            ? f.Name
            : null;
    }
}
