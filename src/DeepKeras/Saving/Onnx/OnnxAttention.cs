using DeepKeras.Layers;
using static DeepKeras.Saving.Onnx.OnnxOps;

namespace DeepKeras.Saving.Onnx;

/// <summary>EinsumDense and MultiHeadAttention as ONNX <c>Einsum</c>, <c>Add</c>, <c>Mul</c> and <c>Softmax</c> nodes.</summary>
internal static class OnnxAttention
{
    /// <summary>The layer's einsum with its kernel, plus the bias (shaped to broadcast), then the activation.</summary>
    public static string EinsumDense(OnnxGraph g, EinsumDense layer, string x)
    {
        var h = layer.Name;
        var y = g.Op("Einsum", h, Attrs(("equation", layer.Equation)), x, Weight(g, $"{h}/kernel", layer.Kernel!.Value));
        if (layer.Bias is { } bias)
        {
            y = g.Op("Add", h, null, y, Weight(g, $"{h}/bias", bias.Value));
        }

        return Activation(g, y, layer.Activation, h);
    }

    /// <summary>
    /// Projections, scaled query-key products, a softmax over the one attention axis, the weighted values and the output
    /// projection. Calls with masks, a causal mask or returned scores, and attention over several axes, are refused.
    /// </summary>
    public static string MultiHeadAttention(OnnxGraph g, MultiHeadAttention layer, string[] x, IReadOnlyDictionary<string, object?> kwargs)
    {
        if (kwargs.Count > 0)
        {
            throw NotSupported(layer, $"calls with {string.Join(", ", kwargs.Keys)} are not supported; export a model that calls it as mha(query, value) or mha(query, value, key)");
        }

        if (layer.SlidingWindow is not null)
        {
            throw NotSupported(layer, "a sliding window is not supported");
        }

        if (layer.AttentionAxes is not { Count: 1 })
        {
            throw NotSupported(layer, "attention over several axes is not supported");
        }

        var h = layer.Name;
        var (query, value) = (x[0], x[1]);
        var key = x.Length > 2 ? x[2] : value;
        var q = g.Op("Mul", h, null, EinsumDense(g, layer.QueryDense!, query), Scalar(g, $"{h}/scale", (float)(1.0 / Math.Sqrt(layer.KeyDim))));
        var scores = g.Op("Einsum", h, Attrs(("equation", layer.DotProductEquation)), EinsumDense(g, layer.KeyDense!, key), q);
        var weights = g.Op("Softmax", h, Attrs(("axis", -1L)), scores);
        var output = g.Op("Einsum", h, Attrs(("equation", layer.CombineEquation)), weights, EinsumDense(g, layer.ValueDense!, value));
        if (layer.GateDense is { } gate)
        {
            output = g.Op("Mul", h, null, output, EinsumDense(g, gate, query));
        }

        return EinsumDense(g, layer.OutputDense!, output);
    }

    private static NotSupportedException NotSupported(MultiHeadAttention layer, string why) =>
        new($"Cannot export layer '{layer.Name}' (MultiHeadAttention) to ONNX: {why}.");
}
