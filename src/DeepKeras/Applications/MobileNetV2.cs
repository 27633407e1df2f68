using System.Globalization;
using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;

namespace DeepKeras;

public static partial class Applications
{
    /// <summary>Where Keras downloads the MobileNetV2 weights files from.</summary>
    private const string MobileNetV2WeightsOrigin = ImagenetModel.WeightsOrigin + "mobilenet_v2/";

    // The widths and input sizes Keras has ImageNet weights for.
    private static readonly double[] MobileNetV2Alphas = [0.35, 0.50, 0.75, 1.0, 1.3, 1.4];
    private static readonly int[] MobileNetV2Sizes = [96, 128, 160, 192, 224];

    // (expansion, filters, stride) of the 17 inverted residual blocks.
    private static readonly (int Expansion, int Filters, int Stride)[] MobileNetV2Blocks =
    [
        (1, 16, 1),
        (6, 24, 2), (6, 24, 1),
        (6, 32, 2), (6, 32, 1), (6, 32, 1),
        (6, 64, 2), (6, 64, 1), (6, 64, 1), (6, 64, 1),
        (6, 96, 1), (6, 96, 1), (6, 96, 1),
        (6, 160, 2), (6, 160, 1), (6, 160, 1),
        (6, 320, 1),
    ];

    /// <summary>
    /// The MobileNetV2 network (Keras <c>keras.applications.MobileNetV2</c>, Sandler et al. 2018): a 3×3/2 convolution,
    /// 17 inverted residual blocks (1×1 expansion → 3×3 depthwise → linear 1×1 projection, with batch normalization and
    /// ReLU6, and an addition when input and output have the same shape), a 1×1 convolution to 1280 channels, then,
    /// with the top, global average pooling and <c>Dense(classes)</c>.
    /// </summary>
    /// <remarks>
    /// <para>Layers have Keras's names: <c>Conv1</c>, <c>bn_Conv1</c>, <c>Conv1_relu</c>, <c>expanded_conv_depthwise</c>,
    /// …, <c>block_{1..16}_expand</c>, <c>_expand_BN</c>, <c>_expand_relu</c>, <c>_pad</c>, <c>_depthwise</c>,
    /// <c>_depthwise_BN</c>, <c>_depthwise_relu</c>, <c>_project</c>, <c>_project_BN</c>, <c>_add</c>, then <c>Conv_1</c>,
    /// <c>Conv_1_bn</c>, <c>out_relu</c> and <c>predictions</c> (the pooling layers are unnamed, as in Keras). With
    /// <paramref name="alpha"/> 1 the model has 3,538,984 parameters with the top and 2,257,984 without.</para>
    /// <para>The input is channels_last: (224, 224, 3) by default with the top, (None, None, 3) without; at least 32×32.
    /// A strided depthwise convolution is preceded by Keras's asymmetric zero padding (<c>correct_pad</c>), so odd and
    /// even sizes give Keras's shapes.</para>
    /// <para>Inputs are expected as <see cref="MobileNetV2PreprocessInput(NumSharp.NDArray, string?)"/> prepares them ("tf":
    /// scaled to [-1, 1]); <see cref="DecodePredictions(NumSharp.NDArray, int)"/> names the top classes.</para>
    /// </remarks>
    /// <param name="inputShape">The input shape without the batch axis, <c>(height, width, 3)</c>. ImageNet weights
    /// exist for square inputs of 96, 128, 160, 192 or 224 pixels; other sizes load the 224 weights (with a warning).</param>
    /// <param name="alpha">The width multiplier (default 1.0): below 1 every layer has proportionally fewer filters,
    /// above 1 more (rounded to multiples of 8). ImageNet weights exist for 0.35, 0.5, 0.75, 1.0, 1.3 and 1.4.</param>
    /// <param name="includeTop">Whether to include the global pooling and the classifier at the top (default true).</param>
    /// <param name="weights"><c>null</c> (default here) for random initialization; <c>"imagenet"</c> for Keras's pretrained
    /// weights (<c>mobilenet_v2_weights_tf_dim_ordering_tf_kernels_{alpha}_{size}[_no_top].h5</c> in
    /// <c>~/.keras/models/</c>, downloaded on first use); or the path of a <c>.weights.h5</c>, <c>.keras</c> or legacy
    /// <c>.h5</c> weights file.</param>
    /// <param name="inputTensor">A symbolic tensor to use as the image input instead of a new <c>Keras.Input</c>.</param>
    /// <param name="pooling">Without the top: null (default) keeps the 4-D output, <c>"avg"</c> adds GlobalAveragePooling2D,
    /// <c>"max"</c> GlobalMaxPooling2D.</param>
    /// <param name="classes">Number of classes of the top (default 1000; must be 1000 with ImageNet weights).</param>
    /// <param name="classifierActivation">Activation of the <c>predictions</c> layer (default <c>softmax</c>; null for
    /// logits). With pretrained weights only softmax or null are allowed.</param>
    /// <param name="name">The model name; null (default) gives Keras's <c>mobilenetv2_{alpha:0.00}_{rows}</c>, e.g.
    /// <c>mobilenetv2_1.00_224</c> (<c>…_None</c> for an input of unknown height).</param>
    /// <returns>The built (not compiled) functional model.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of Keras's rules (input shape, alpha, pooling, classes, weights); the message says which.</exception>
    /// <exception cref="FileNotFoundException">ImageNet weights are not cached and cannot be downloaded; the message says where to put the file.</exception>
    /// <exception cref="Saving.KerasFileException">The weights file is damaged or does not match the model.</exception>
    /// <example><code>
    /// var mobile = Applications.MobileNetV2(inputShape: (160, 160, 3), alpha: 0.5, includeTop: false, pooling: "avg");
    /// Console.WriteLine(mobile.Name);   // mobilenetv2_0.50_160
    /// </code></example>
    public static Functional MobileNetV2(Shape? inputShape = null, double alpha = 1.0, bool includeTop = true, string? weights = null,
        KerasTensor? inputTensor = null, string? pooling = null, int classes = 1000, string? classifierActivation = "softmax", string? name = null)
    {
        if (!(alpha > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"`alpha` must be a positive width multiplier. Received: alpha={alpha}");
        }

        ImagenetUtils.CheckWeights(weights, includeTop, classes);
        var defaultSize = MobileNetV2DefaultSize(inputShape, inputTensor);
        var (shape, activation) = ImagenetModel.CheckArguments(includeTop, weights, inputTensor, inputShape, pooling, classes,
            classifierActivation, defaultSize, minSize: 32);
        var rows = shape[0];
        if (weights == "imagenet")
        {
            if (!MobileNetV2Alphas.Contains(alpha))
            {
                throw new ArgumentException(
                    "If imagenet weights are being loaded, alpha must be one of `0.35`, `0.50`, `0.75`, `1.0`, `1.3` or `1.4` only; " +
                    $"Received `alpha={alpha.ToString(CultureInfo.InvariantCulture)}`", nameof(alpha));
            }

            if (rows != shape[1] || rows is not { } r || !MobileNetV2Sizes.Contains(r))
            {
                rows = 224;
                Console.Error.WriteLine(
                    "UserWarning: `input_shape` is undefined or non-square, or `rows` is not in [96, 128, 160, 192, 224]. " +
                    "Weights for input shape (224, 224) will be loaded as the default.");
            }
        }

        var weightsPath = weights == "imagenet"
            ? ImagenetModel.PretrainedFile(
                $"mobilenet_v2_weights_tf_dim_ordering_tf_kernels_{PythonFloat(alpha)}_{rows}{(includeTop ? "" : "_no_top")}.h5",
                MobileNetV2WeightsOrigin, md5: null, "MobileNetV2")
            : weights;

        var imgInput = ImagenetModel.ImageInput(shape, inputTensor);
        var x = new Conv2D(MakeDivisible(32 * alpha, 8), 3, strides: (2, 2), padding: "same", useBias: false, name: "Conv1").Apply(imgInput);
        x = MobileNetV2BatchNorm("bn_Conv1").Apply(x);
        x = new ReLU(6.0, name: "Conv1_relu").Apply(x);
        for (var id = 0; id < MobileNetV2Blocks.Length; id++)
        {
            var (expansion, filters, stride) = MobileNetV2Blocks[id];
            x = InvertedResBlock(x, expansion, stride, alpha, filters, id);
        }

        // The last convolution is not narrowed below 1280 channels (the paper widens it only for alpha > 1).
        var lastFilters = alpha > 1.0 ? MakeDivisible(1280 * alpha, 8) : 1280;
        x = new Conv2D(lastFilters, 1, useBias: false, name: "Conv_1").Apply(x);
        x = MobileNetV2BatchNorm("Conv_1_bn").Apply(x);
        x = new ReLU(6.0, name: "out_relu").Apply(x);

        x = ImagenetModel.GlobalPoolingTop(x, includeTop, pooling, classes, activation, topPoolName: null);
        name ??= $"mobilenetv2_{alpha.ToString("F2", CultureInfo.InvariantCulture)}_{rows?.ToString(CultureInfo.InvariantCulture) ?? "None"}";
        return ImagenetModel.Create(imgInput, inputTensor, x, name, weightsPath);
    }

    // Keras picks the default size from a square input of a size it has weights for, else 224; an input tensor's
    // spatial size counts when no input shape is given. An input shape must agree with the tensor's width.
    private static int MobileNetV2DefaultSize(Shape? inputShape, KerasTensor? inputTensor)
    {
        if (inputShape is { Rank: 3 } given && inputTensor is { Shape.Rank: 4 } t && t.Shape[2] != given[1])
        {
            throw new ArgumentException(
                $"input_tensor.shape[2] must equal input_shape[1]; Received `input_tensor.shape={t.Shape}`, `input_shape={given}`", nameof(inputShape));
        }

        var spatial = inputShape ?? (inputTensor is { Shape.Rank: 4 } tensor ? new Shape(tensor.Shape[1], tensor.Shape[2], tensor.Shape[3]) : (Shape?)null);
        return spatial is { Rank: 3 } s && s[0] == s[1] && s[0] is { } size && MobileNetV2Sizes.Contains(size) ? size : 224;
    }

    // Keras _inverted_res_block: expand (except block 0) → depthwise (Keras's padding before a stride of 2) → project,
    // plus the input when the shapes agree.
    private static KerasTensor InvertedResBlock(KerasTensor inputs, int expansion, int stride, double alpha, int filters, int blockId)
    {
        var inChannels = inputs.Shape[-1] ?? throw new ArgumentException("MobileNetV2 needs a known number of input channels.");
        var pointwiseFilters = MakeDivisible((int)(filters * alpha), 8);
        var x = inputs;
        var prefix = $"block_{blockId}_";
        if (blockId > 0)
        {
            x = new Conv2D(expansion * inChannels, 1, padding: "same", useBias: false, name: $"{prefix}expand").Apply(x);
            x = MobileNetV2BatchNorm($"{prefix}expand_BN").Apply(x);
            x = new ReLU(6.0, name: $"{prefix}expand_relu").Apply(x);
        }
        else
        {
            prefix = "expanded_conv_";
        }

        if (stride == 2)
        {
            x = new ZeroPadding2D(ImagenetUtils.CorrectPad(x, 3), name: $"{prefix}pad").Apply(x);
        }

        x = new DepthwiseConv2D(3, strides: stride, padding: stride == 1 ? "same" : "valid", useBias: false, name: $"{prefix}depthwise").Apply(x);
        x = MobileNetV2BatchNorm($"{prefix}depthwise_BN").Apply(x);
        x = new ReLU(6.0, name: $"{prefix}depthwise_relu").Apply(x);
        x = new Conv2D(pointwiseFilters, 1, padding: "same", useBias: false, name: $"{prefix}project").Apply(x);
        x = MobileNetV2BatchNorm($"{prefix}project_BN").Apply(x);
        return inChannels == pointwiseFilters && stride == 1 ? new Add(name: $"{prefix}add").Apply(inputs, x) : x;
    }

    private static BatchNormalization MobileNetV2BatchNorm(string name) => new(epsilon: 1e-3, momentum: 0.999, name: name);

    // Keras _make_divisible: the nearest multiple of `divisor` (at least `divisor`), rounded up when rounding to the
    // nearest would lose more than 10%.
    private static int MakeDivisible(double v, int divisor)
    {
        var result = Math.Max(divisor, (int)(v + (divisor / 2.0)) / divisor * divisor);
        return result < 0.9 * v ? result + divisor : result;
    }

    // Python's str(float(alpha)) as Keras puts it in the weights file name: 1.0, 0.35, 0.5.
    private static string PythonFloat(double value)
    {
        var s = value.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') ? s : s + ".0";
    }
}
