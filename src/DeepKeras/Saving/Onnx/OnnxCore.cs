using DeepKeras.Layers;
using static DeepKeras.Saving.Onnx.OnnxOps;

namespace DeepKeras.Saving.Onnx;

/// <summary>Dense and the normalization layers.</summary>
internal static class OnnxCore
{
    /// <summary>MatMul with the (in, out) kernel, plus the bias, then the activation (works for any leading axes).</summary>
    public static string Dense(OnnxGraph g, Dense layer, string x)
    {
        var h = layer.Name;
        var y = g.Op("MatMul", h, null, x, Weight(g, $"{h}/kernel", layer.Kernel!.Value));
        if (layer.Bias is { } bias)
        {
            y = g.Op("Add", h, null, y, Weight(g, $"{h}/bias", bias.Value));
        }

        return Activation(g, y, layer.Activation, h);
    }

    /// <summary>Inference batch normalization: (x − moving_mean) / √(moving_variance + ε) · γ + β, as Keras computes it.</summary>
    public static string BatchNormalization(OnnxGraph g, BatchNormalization layer, string x, Shape shape)
    {
        var h = layer.Name;
        var rank = shape.Rank;
        var axis = layer.Axis < 0 ? layer.Axis + rank : layer.Axis;
        var broadcast = Enumerable.Repeat(1L, rank - axis).ToArray();
        broadcast[0] = -1;
        Tensor Shaped(Variable v) => v.Value.detach().reshape(broadcast);
        using var noGrad = no_grad();
        var y = g.Op("Sub", h, null, x, Weight(g, $"{h}/moving_mean", Shaped(layer.MovingMean!)));
        var std = (Shaped(layer.MovingVariance!) + layer.Epsilon).sqrt();
        y = g.Op("Div", h, null, y, Weight(g, $"{h}/std", std));
        if (layer.Gamma is { } gamma)
        {
            y = g.Op("Mul", h, null, y, Weight(g, $"{h}/gamma", Shaped(gamma)));
        }

        return layer.Beta is { } beta ? g.Op("Add", h, null, y, Weight(g, $"{h}/beta", Shaped(beta))) : y;
    }

    /// <summary>ONNX LayerNormalization over the trailing axes Keras normalizes.</summary>
    public static string LayerNormalization(OnnxGraph g, LayerNormalization layer, string x, Shape shape)
    {
        var rank = shape.Rank;
        var axes = layer.Axis.Select(a => a < 0 ? a + rank : a).OrderBy(a => a).ToArray();
        if (axes[^1] != rank - 1 || axes.Where((a, i) => a != axes[0] + i).Any())
        {
            throw new NotSupportedException(
                $"Cannot export layer '{layer.Name}' (LayerNormalization) to ONNX: only normalization over trailing axes is supported, received axis=[{string.Join(", ", layer.Axis)}].");
        }

        var h = layer.Name;
        var normalizedShape = shape.Dims.Skip(axes[0]).Select(d => (long)d!.Value).ToArray();
        var scale = layer.Gamma is { } gamma ? Weight(g, $"{h}/gamma", gamma.Value) : Weight(g, $"{h}/ones", ones(normalizedShape));
        var inputs = new List<string> { x, scale };
        if (layer.Beta is { } beta)
        {
            inputs.Add(Weight(g, $"{h}/beta", beta.Value));
        }

        return g.Node("LayerNormalization", inputs, h, 1, Attrs(("axis", (long)axes[0]), ("epsilon", (float)layer.Epsilon)))[0];
    }
}
