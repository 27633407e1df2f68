using DeepKeras.Layers;
using static DeepKeras.Saving.Onnx.OnnxOps;

namespace DeepKeras.Saving.Onnx;

/// <summary>
/// SimpleRNN, LSTM and GRU as ONNX's RNN, LSTM and GRU operators. Keras's kernels are (input, gates·units) with the gate
/// blocks i,f,c,o (LSTM) and z,r,h (GRU); ONNX wants (gates·units, input) per direction with the blocks i,o,f,c and z,r,h,
/// and two biases (input and recurrent): Keras's single bias goes to the input half, zeros to the recurrent half, and
/// GRU's <c>reset_after</c> bias pair maps to <c>linear_before_reset = 1</c>.
/// </summary>
internal static class OnnxRecurrent
{
    /// <summary>Converts a recurrent layer; the output follows Keras's order (reversed in time for <c>go_backwards</c>).</summary>
    public static string Recurrent(OnnxGraph g, RnnBase layer, string x)
    {
        if (layer.Stateful || layer.ReturnState)
        {
            throw new NotSupportedException(
                $"Cannot export layer '{layer.Name}' ({layer.ClassName}) to ONNX: stateful layers and return_state are not supported.");
        }

        var h = layer.Name;
        var (op, weights, attributes) = Operator(layer);
        attributes["hidden_size"] = (long)layer.Units;
        attributes["direction"] = layer.GoBackwards ? "reverse" : "forward";
        var timeMajor = g.Op("Transpose", h, Attrs(("perm", (long[])[1, 0, 2])), x);
        var inputs = new List<string> { timeMajor, Weight(g, $"{h}/W", weights.W), Weight(g, $"{h}/R", weights.R) };
        if (weights.B is { } b)
        {
            inputs.Add(Weight(g, $"{h}/B", b));
        }

        var outputs = g.Node(op, inputs, h, 2, attributes);
        if (!layer.ReturnSequences)
        {
            return g.Op("Squeeze", h, null, outputs[1], g.Int64Constant($"{h}/axes0", 0));
        }

        // Y is (time, directions, batch, units) in input time order; Keras returns the steps in processing order.
        var sequence = g.Op("Squeeze", h, null, outputs[0], g.Int64Constant($"{h}/axes1", 1));
        var batchMajor = g.Op("Transpose", h, Attrs(("perm", (long[])[1, 0, 2])), sequence);
        return layer.GoBackwards ? Reverse(g, batchMajor, 1, h) : batchMajor;
    }

    /// <summary>Converts a Bidirectional wrapper (each direction its own operator, merged as Keras merges).</summary>
    public static string[] Bidirectional(OnnxGraph g, Bidirectional layer, string x)
    {
        var forward = Recurrent(g, layer.ForwardLayer, x);
        var backward = Recurrent(g, layer.BackwardLayer, x);
        if (layer.ReturnSequences)
        {
            backward = Reverse(g, backward, 1, layer.Name);
        }

        var h = layer.Name;
        return layer.MergeMode switch
        {
            "concat" => [g.Op("Concat", h, Attrs(("axis", -1L)), forward, backward)],
            "sum" => [g.Op("Add", h, null, forward, backward)],
            "mul" => [g.Op("Mul", h, null, forward, backward)],
            "ave" => [g.Op("Div", h, null, g.Op("Add", h, null, forward, backward), Scalar(g, $"{h}/two", 2f))],
            _ => [forward, backward],
        };
    }

    private static (string Op, (Tensor W, Tensor R, Tensor? B) Weights, Dictionary<string, object> Attributes) Operator(RnnBase layer)
    {
        using var noGrad = no_grad();
        var kernel = layer.Kernel!.Value.detach().t();
        var recurrent = layer.RecurrentKernel!.Value.detach().t();
        var bias = layer.Bias?.Value.detach();
        switch (layer)
        {
            case LSTM lstm:
                {
                    long[] order = [0, 3, 1, 2];   // Keras i,f,c,o → ONNX i,o,f,c
                    Tensor Reorder(Tensor t) => cat(order.Select(i => t.chunk(4, 0)[i]).ToArray(), 0);
                    var b = bias is null ? null : cat([Reorder(bias), zeros_like(bias)], 0).unsqueeze(0);
                    var activations = new[]
                    {
                        RecurrentActivation(lstm.RecurrentActivation, layer), RecurrentActivation(lstm.Activation, layer),
                        RecurrentActivation(lstm.Activation, layer),
                    };
                    return ("LSTM", (Reorder(kernel).unsqueeze(0), Reorder(recurrent).unsqueeze(0), b), Attrs(("activations", activations)));
                }

            case GRU gru:
                {
                    var b = bias is null ? null : gru.ResetAfter ? bias.reshape(1, -1) : cat([bias, zeros_like(bias)], 0).unsqueeze(0);
                    var activations = new[] { RecurrentActivation(gru.RecurrentActivation, layer), RecurrentActivation(gru.Activation, layer) };
                    return ("GRU", (kernel.unsqueeze(0), recurrent.unsqueeze(0), b),
                        Attrs(("activations", activations), ("linear_before_reset", gru.ResetAfter ? 1L : 0L)));
                }

            default:
                {
                    var b = bias is null ? null : cat([bias, zeros_like(bias)], 0).unsqueeze(0);
                    return ("RNN", (kernel.unsqueeze(0), recurrent.unsqueeze(0), b), Attrs(("activations", new[] { RecurrentActivation(layer.Activation, layer) })));
                }
        }
    }
}
