using DeepKeras.Activations;
using DeepKeras.Datasets;
using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;

namespace DeepKeras;

/// <summary>
/// The frame every Keras ImageNet model shares (<c>keras/src/applications/*.py</c>): the argument checks in Keras's
/// order, the image input (a new <c>Keras.Input</c> or the caller's tensor), the top or the optional global pooling,
/// the functional model over the source inputs, and the weights (a cached or downloaded ImageNet file, or a path).
/// </summary>
internal static class ImagenetModel
{
    /// <summary>Where Keras downloads the application weights from (one folder per architecture below it).</summary>
    public const string WeightsOrigin = "https://storage.googleapis.com/tensorflow/keras-applications/";

    /// <summary>
    /// Checks <c>weights</c>, <c>classes</c>, <c>pooling</c>, the input shape and the classifier activation as Keras
    /// does, and returns the input shape without the batch axis and the activation of the <c>predictions</c> layer
    /// (null without the top).
    /// </summary>
    public static (Shape Shape, ActivationFunction? Activation) CheckArguments(bool includeTop, string? weights, KerasTensor? inputTensor,
        Shape? inputShape, string? pooling, int classes, string? classifierActivation, int defaultSize, int minSize)
    {
        ImagenetUtils.CheckWeights(weights, includeTop, classes);
        ImagenetUtils.CheckPooling(pooling);
        var shape = ImagenetUtils.ObtainInputShape(inputShape, defaultSize, minSize, requireFlatten: includeTop, weights);
        var activation = includeTop ? ImagenetUtils.ClassifierActivation(classifierActivation, weights) : null;
        if (inputTensor is not null && inputTensor.Shape.Rank != 4)
        {
            throw new ArgumentException(
                $"`inputTensor` must be a batch of images (batch, height, width, channels). Received a tensor of shape {inputTensor.Shape}.",
                nameof(inputTensor));
        }

        return (shape, activation);
    }

    /// <summary>The tensor the network starts from: <paramref name="inputTensor"/>, or a new input of <paramref name="shape"/>.</summary>
    public static KerasTensor ImageInput(Shape shape, KerasTensor? inputTensor) => inputTensor ?? Keras.Input(shape);

    /// <summary>
    /// Keras's ResNet/MobileNetV2/Xception top: global average pooling then <c>Dense(classes)</c> named
    /// <c>predictions</c>; without the top, the global pooling <paramref name="pooling"/> asks for (or nothing).
    /// </summary>
    /// <param name="x">The last feature maps.</param>
    /// <param name="includeTop">Whether to add the classifier.</param>
    /// <param name="pooling">Without the top: null, <c>avg</c> or <c>max</c>.</param>
    /// <param name="classes">Units of the classifier.</param>
    /// <param name="activation">Activation of the classifier.</param>
    /// <param name="topPoolName">Name of the top's pooling layer (null for an automatic name).</param>
    /// <param name="avgPoolName">Name of the <c>avg</c> pooling layer without the top (null for an automatic name).</param>
    /// <param name="maxPoolName">Name of the <c>max</c> pooling layer without the top (null for an automatic name).</param>
    public static KerasTensor GlobalPoolingTop(KerasTensor x, bool includeTop, string? pooling, int classes, ActivationFunction? activation,
        string? topPoolName, string? avgPoolName = null, string? maxPoolName = null)
    {
        if (includeTop)
        {
            x = new GlobalAveragePooling2D(name: topPoolName).Apply(x);
            return new Dense(classes, activation: activation, name: "predictions").Apply(x);
        }

        return ImagenetUtils.PoolingLayer(pooling, avgPoolName, maxPoolName) is { } pool ? pool.Apply(x) : x;
    }

    /// <summary>
    /// The functional model from the image input (or the source inputs of <paramref name="inputTensor"/>) to
    /// <paramref name="output"/>, with the weights of <paramref name="weightsPath"/> loaded when it is set.
    /// </summary>
    public static Functional Create(KerasTensor imgInput, KerasTensor? inputTensor, KerasTensor output, string name, string? weightsPath)
    {
        var inputs = inputTensor is null ? [imgInput] : ImagenetUtils.SourceInputs(inputTensor);
        var model = new Functional(inputs, [output], name);
        if (weightsPath is not null)
        {
            model.LoadWeights(weightsPath);
        }

        return model;
    }

    /// <summary>
    /// The local path of one of Keras's pretrained weights files: <c>~/.keras/models/&lt;fileName&gt;</c>, downloaded
    /// from <paramref name="folderUrl"/> on first use (or from the datasets mirror when one is set) and checked against
    /// <paramref name="md5"/> when Keras has a hash for it.
    /// </summary>
    /// <exception cref="FileNotFoundException">Not cached and not downloadable; the message says where to put the file.</exception>
    public static string PretrainedFile(string fileName, string folderUrl, string? md5, string title) =>
        DataFile.Get(fileName, DataFile.MirrorOr(folderUrl + fileName), md5, "models",
            hint: $"It holds {title}'s ImageNet weights (Keras applications); use `weights: null` to start from random weights instead.");
}
