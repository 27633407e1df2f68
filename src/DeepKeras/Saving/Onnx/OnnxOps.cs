using DeepKeras.Activations;
using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Saving.Onnx;

/// <summary>Small building blocks shared by the layer converters: constants from weights, layout changes, activations.</summary>
internal static class OnnxOps
{
    /// <summary>Adds a weight (or any tensor) as a float32 initializer.</summary>
    public static string Weight(OnnxGraph g, string hint, Tensor value)
    {
        using var scope = NewDisposeScope();
        var t = value.detach().cpu().contiguous().to(float32);
        return g.Constant(hint, t.data<float>().ToArray(), t.shape);
    }

    /// <summary>Adds a float32 scalar initializer.</summary>
    public static string Scalar(OnnxGraph g, string hint, float value) => g.Constant(hint, [value], []);

    /// <summary>Moves the channel axis of a rank-<paramref name="spatial"/> image from last to second (NHWC → NCHW).</summary>
    public static string ToChannelsFirst(OnnxGraph g, string x, int spatial, string hint) =>
        g.Op("Transpose", hint, Attrs(("perm", (long[])[0, spatial + 1, .. Enumerable.Range(1, spatial).Select(i => (long)i)])), x);

    /// <summary>Moves the channel axis back from second to last (NCHW → NHWC).</summary>
    public static string ToChannelsLast(OnnxGraph g, string x, int spatial, string hint) =>
        g.Op("Transpose", hint, Attrs(("perm", (long[])[0, .. Enumerable.Range(2, spatial).Select(i => (long)i), 1])), x);

    /// <summary>Keras kernel (k…, in, out) → ONNX weight (out, in, k…); the same permutation maps a transposed kernel.</summary>
    public static Tensor KernelToOnnx(Tensor kernel)
    {
        var r = (int)kernel.dim() - 2;
        return kernel.permute([r + 1, r, .. Enumerable.Range(0, r).Select(i => (long)i)]);
    }

    /// <summary>Builds an attribute dictionary.</summary>
    public static Dictionary<string, object> Attrs(params (string Key, object Value)[] items) => items.ToDictionary(i => i.Key, i => i.Value);

    /// <summary>Flips axis <paramref name="axis"/> (a time axis) with a negative-step Slice.</summary>
    public static string Reverse(OnnxGraph g, string x, long axis, string hint) =>
        g.Op("Slice", hint, null, x, g.Int64Constant($"{hint}/starts", -1), g.Int64Constant($"{hint}/ends", long.MinValue),
            g.Int64Constant($"{hint}/axes", axis), g.Int64Constant($"{hint}/steps", -1));

    /// <summary>Applies a Keras activation by name.</summary>
    /// <exception cref="NotSupportedException">A custom (delegate) activation.</exception>
    public static string Activation(OnnxGraph g, string x, ActivationFunction activation, string hint)
    {
        string Unary(string op, Dictionary<string, object>? attributes = null) => g.Op(op, hint, attributes, x);
        return activation.Name switch
        {
            "linear" => x,
            "relu" => Unary("Relu"),
            "sigmoid" => Unary("Sigmoid"),
            "tanh" => Unary("Tanh"),
            "softmax" => Unary("Softmax", Attrs(("axis", -1L))),
            "log_softmax" => Unary("LogSoftmax", Attrs(("axis", -1L))),
            "elu" => Unary("Elu", Attrs(("alpha", 1.0f))),
            "selu" => Unary("Selu"),
            "softplus" => Unary("Softplus"),
            "softsign" => Unary("Softsign"),
            "exponential" => Unary("Exp"),
            "leaky_relu" => Unary("LeakyRelu", Attrs(("alpha", 0.2f))),
            "relu6" => g.Op("Clip", hint, null, x, Scalar(g, $"{hint}/min", 0f), Scalar(g, $"{hint}/max", 6f)),
            "hard_sigmoid" => Unary("HardSigmoid", Attrs(("alpha", 1f / 6f), ("beta", 0.5f))),
            "swish" or "silu" => g.Op("Mul", hint, null, x, Unary("Sigmoid")),
            "mish" => g.Op("Mul", hint, null, x, g.Op("Tanh", hint, null, Unary("Softplus"))),
            "gelu" => Gelu(g, x, hint),
            _ => throw new NotSupportedException(
                $"Cannot export the activation '{activation.Name}' of layer '{hint}' to ONNX: only Keras's built-in activations can be exported."),
        };
    }

    // Keras gelu(approximate=False): 0.5·x·(1 + erf(x/√2)).
    private static string Gelu(OnnxGraph g, string x, string hint)
    {
        var erf = g.Op("Erf", hint, null, g.Op("Div", hint, null, x, Scalar(g, $"{hint}/sqrt2", MathF.Sqrt(2f))));
        var onePlus = g.Op("Add", hint, null, erf, Scalar(g, $"{hint}/one", 1f));
        return g.Op("Mul", hint, null, g.Op("Mul", hint, null, x, onePlus), Scalar(g, $"{hint}/half", 0.5f));
    }

    /// <summary>The activation a recurrent ONNX operator names for a Keras activation.</summary>
    public static string RecurrentActivation(ActivationFunction activation, Layer layer) => activation.Name switch
    {
        "sigmoid" => "Sigmoid",
        "tanh" => "Tanh",
        "relu" => "Relu",
        _ => throw new NotSupportedException(
            $"Cannot export layer '{layer.Name}' ({layer.ClassName}) to ONNX: its activation '{activation.Name}' has no ONNX recurrent equivalent (sigmoid, tanh and relu do)."),
    };
}
