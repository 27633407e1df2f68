using DeepKeras.Activations;
using DeepKeras.Engine;
using DeepKeras.Layers;

namespace DeepKeras;

/// <summary>
/// The argument checks shared by the ImageNet models (Keras <c>keras/src/applications/imagenet_utils.py</c>):
/// the input shape a model accepts, the source inputs of an <c>inputTensor</c>, and the classifier activation
/// allowed with pretrained weights.
/// </summary>
internal static class ImagenetUtils
{
    /// <summary>
    /// Keras <c>obtain_input_shape</c> for channels_last data: the input shape without the batch axis. With the dense
    /// top and ImageNet weights it must be the default <c>(size, size, 3)</c>; otherwise three axes, at least
    /// <paramref name="minSize"/> pixels each way, 3 channels with ImageNet weights, and known sizes when a top
    /// (Flatten → Dense) follows. No shape gives the default with a top and <c>(None, None, 3)</c> without.
    /// </summary>
    public static Shape ObtainInputShape(Shape? inputShape, int defaultSize, int minSize, bool requireFlatten, string? weights)
    {
        var imagenet = weights == "imagenet";
        var defaultShape = !imagenet && inputShape is { Rank: 3 } given
            ? new Shape(defaultSize, defaultSize, given[-1])
            : new Shape(defaultSize, defaultSize, 3);
        if (imagenet && requireFlatten)
        {
            if (inputShape is { } s && s != defaultShape)
            {
                throw new ArgumentException(
                    $"When setting `includeTop: true` and loading `imagenet` weights, `inputShape` should be {defaultShape}. Received: inputShape={s}",
                    nameof(inputShape));
            }

            return defaultShape;
        }

        Shape shape;
        if (inputShape is { } input)
        {
            if (input.Rank != 3)
            {
                throw new ArgumentException(
                    $"`inputShape` must be a tuple of three integers (height, width, channels). Received: inputShape={input}", nameof(inputShape));
            }

            if (input[-1] != 3 && imagenet)
            {
                throw new ArgumentException($"The input must have 3 channels; Received `inputShape={input}`", nameof(inputShape));
            }

            if (input[0] is { } h && h < minSize || input[1] is { } w && w < minSize)
            {
                throw new ArgumentException(
                    $"Input size must be at least {minSize}x{minSize}; Received: inputShape={input}", nameof(inputShape));
            }

            shape = input;
        }
        else
        {
            shape = requireFlatten ? defaultShape : new Shape(null, null, 3);
        }

        if (requireFlatten && !shape.IsFullyDefined)
        {
            throw new ArgumentException(
                $"If `includeTop` is true, you should specify a static `inputShape`. Received: inputShape={shape}", nameof(inputShape));
        }

        return shape;
    }

    /// <summary>
    /// Keras's check of the <c>weights</c> argument: null, <c>"imagenet"</c> or the path of an existing file;
    /// ImageNet weights with the top need 1000 classes.
    /// </summary>
    public static void CheckWeights(string? weights, bool includeTop, int classes)
    {
        if (weights is not null && weights != "imagenet" && !File.Exists(weights))
        {
            throw new ArgumentException(
                "The `weights` argument should be either `null` (random initialization), \"imagenet\" (pre-training on ImageNet), " +
                $"or the path to the weights file to be loaded. Received: weights={weights} (no such file)", nameof(weights));
        }

        if (weights == "imagenet" && includeTop && classes != 1000)
        {
            throw new ArgumentException(
                $"If using `weights: \"imagenet\"` with `includeTop: true`, `classes` should be 1000. Received: classes={classes}", nameof(classes));
        }

        if (classes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"Expected a positive number of `classes`. Received: classes={classes}");
        }
    }

    /// <summary>
    /// Keras <c>validate_activation</c>: with pretrained weights the classifier must end in softmax or nothing (so the
    /// loaded predictions layer keeps its meaning); any activation is fine with random weights.
    /// </summary>
    public static ActivationFunction ClassifierActivation(string? classifierActivation, string? weights)
    {
        var activation = ActivationFunction.Get(classifierActivation);
        if (weights is not null && activation.Name is not ("softmax" or "linear"))
        {
            throw new ArgumentException(
                "Only `null` and `softmax` activations are allowed for the `classifierActivation` argument when using pretrained weights, " +
                $"with `includeTop: true`. Received: classifierActivation={classifierActivation}", nameof(classifierActivation));
        }

        return activation;
    }

    /// <summary>Checks the <c>pooling</c> argument: null, <c>avg</c> or <c>max</c>.</summary>
    public static void CheckPooling(string? pooling)
    {
        if (pooling is not (null or "avg" or "max"))
        {
            throw new ArgumentException(
                $"The `pooling` argument should be one of null, \"avg\" or \"max\". Received: pooling={pooling}", nameof(pooling));
        }
    }

    /// <summary>
    /// The global pooling layer that <c>pooling</c> asks for on top of a convolutional base, or null; the names are
    /// those some architectures give it (ResNet's <c>avg_pool</c>/<c>max_pool</c>), null for an automatic name.
    /// </summary>
    public static Layer? PoolingLayer(string? pooling, string? avgName = null, string? maxName = null) => pooling switch
    {
        "avg" => new GlobalAveragePooling2D(name: avgName),
        "max" => new GlobalMaxPooling2D(name: maxName),
        _ => null,
    };

    /// <summary>
    /// Keras <c>correct_pad</c>: the zero padding ((top, bottom), (left, right)) before a strided "valid" convolution
    /// of <paramref name="kernelSize"/> that makes it behave like TensorFlow's "same" padding: one row/column less at the
    /// top/left when the input size is even (or unknown).
    /// </summary>
    public static ((int Top, int Bottom) Rows, (int Left, int Right) Columns) CorrectPad(KerasTensor inputs, int kernelSize)
    {
        var correct = kernelSize / 2;
        var height = inputs.Shape[1];
        var width = inputs.Shape[2];
        var adjustRows = height is { } h ? 1 - (h % 2) : 1;
        var adjustColumns = height is null ? 1 : width is { } w ? 1 - (w % 2) : 1;
        return ((correct - adjustRows, correct), (correct - adjustColumns, correct));
    }

    /// <summary>
    /// Keras <c>get_source_inputs</c>: the <c>Keras.Input</c> tensors a symbolic tensor depends on, in the order a
    /// depth-first walk reaches them.
    /// </summary>
    public static List<KerasTensor> SourceInputs(KerasTensor tensor)
    {
        var sources = new List<KerasTensor>();
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<KerasTensor>();
        stack.Push(tensor);
        while (stack.Count > 0)
        {
            var t = stack.Pop();
            if (!seen.Add(t.Node))
            {
                continue;
            }

            if (t.Layer is InputLayer)
            {
                sources.Add(t);
                continue;
            }

            foreach (var input in t.Node.Inputs.Reverse())
            {
                stack.Push(input);
            }
        }

        return sources;
    }
}
