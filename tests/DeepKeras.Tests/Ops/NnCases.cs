using DeepKeras.Tests.TestUtil;
using static DeepKeras.Keras.Ops;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Ops;

/// <summary>The calls of gen_ops.py's "ops_nn" case: activations, softmax over axes, one-hot encoding and the cross-entropies.</summary>
internal static class NnCases
{
    public static Dictionary<string, Func<GoldenOps, Tensor>> Build() => new()
    {
        ["relu"] = g => Relu(g["n"]),
        ["relu6"] = g => Relu6(g["n"]),
        ["sigmoid"] = g => Sigmoid(g["n"]),
        ["hard_sigmoid"] = g => HardSigmoid(g["n"]),
        ["softplus"] = g => Softplus(g["n"]),
        ["softsign"] = g => Softsign(g["n"]),
        ["silu"] = g => Silu(g["n"]),
        ["selu"] = g => Selu(g["n"]),
        ["elu"] = g => Elu(g["n"]),
        ["elu_alpha"] = g => Elu(g["n"], alpha: 0.5),
        ["leaky_relu"] = g => LeakyRelu(g["n"]),
        ["leaky_relu_01"] = g => LeakyRelu(g["n"], negativeSlope: 0.1),
        ["gelu"] = g => Gelu(g["n"]),
        ["gelu_exact"] = g => Gelu(g["n"], approximate: false),
        ["softmax"] = g => Softmax(g["n"]),
        ["softmax_0"] = g => Softmax(g["n"], axis: 0),
        ["softmax_3d_1"] = g => Softmax(g["n3"], axis: 1),
        ["log_softmax"] = g => LogSoftmax(g["n"]),
        ["log_softmax_0"] = g => LogSoftmax(g["n3"], axis: 0),
        ["relu_int"] = g => Relu(g["ids"]),
        ["sigmoid_int"] = g => Sigmoid(g["ids"]),
        ["one_hot"] = g => OneHot(g["ids"], 5),
        ["one_hot_axis0"] = g => OneHot(g["ids"], 5, axis: 0),
        ["one_hot_axis1"] = g => OneHot(g["ids"], 5, axis: 1),
        ["one_hot_int32"] = g => OneHot(g["ids"], 5, dtype: "int32"),
        ["binary_crossentropy"] = g => BinaryCrossentropy(g["targets"], g["probs"]),
        ["binary_crossentropy_logits"] = g => BinaryCrossentropy(g["targets"], g["logits"], fromLogits: true),
        ["categorical_crossentropy"] = g => CategoricalCrossentropy(OneHotLabels(g), Softmax(g["logits"])),
        ["categorical_crossentropy_logits"] = g => CategoricalCrossentropy(OneHotLabels(g), g["logits"], fromLogits: true),
        ["categorical_crossentropy_unnormalized"] = g => CategoricalCrossentropy(OneHotLabels(g), g["probs"]),
        ["categorical_crossentropy_axis0"] = g =>
            CategoricalCrossentropy(Transpose(OneHotLabels(g)), Transpose(Softmax(g["logits"])), axis: 0),
        ["sparse_categorical_crossentropy"] = g => SparseCategoricalCrossentropy(g["labels"], Softmax(g["logits"])),
        ["sparse_categorical_crossentropy_logits"] = g => SparseCategoricalCrossentropy(g["labels"], g["logits"], fromLogits: true),
        ["sparse_categorical_crossentropy_column"] = g => SparseCategoricalCrossentropy(ExpandDims(g["labels"], -1), Softmax(g["logits"])),
    };

    private static Tensor OneHotLabels(GoldenOps g) => OneHot(g["labels"], 3);
}
