using DeepKeras.Layers;
using DeepKeras.Training;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Applications
{
    /// <summary>The ImageNet channel means in BGR order that "caffe" preprocessing subtracts.</summary>
    private static readonly double[] CaffeMeanBgr = [103.939, 116.779, 123.68];

    /// <summary>The ImageNet channel means (RGB, 0–1 scale) that "torch" preprocessing subtracts.</summary>
    private static readonly double[] TorchMeanRgb = [0.485, 0.456, 0.406];

    /// <summary>The ImageNet channel standard deviations (RGB, 0–1 scale) that "torch" preprocessing divides by.</summary>
    private static readonly double[] TorchStdRgb = [0.229, 0.224, 0.225];

    /// <summary>
    /// Prepares RGB images with values 0–255 for an ImageNet model (Keras
    /// <c>keras.applications.imagenet_utils.preprocess_input</c>) in one of Keras's three modes:
    /// <c>caffe</c> (RGB → BGR, minus the ImageNet means [103.939, 116.779, 123.68] of B, G, R, no scaling),
    /// <c>tf</c> (x / 127.5 − 1, values in [−1, 1]) or <c>torch</c> (x / 255, minus the means [0.485, 0.456, 0.406],
    /// divided by the standard deviations [0.229, 0.224, 0.225] of R, G, B).
    /// </summary>
    /// <param name="x">Images <c>(N, H, W, 3)</c> or one image <c>(H, W, 3)</c> (channels_first: <c>(N, 3, H, W)</c> or
    /// <c>(3, H, W)</c>), any numeric dtype, values 0–255.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="mode"><c>caffe</c> (default), <c>tf</c> or <c>torch</c>.</param>
    /// <returns>A new float32 array of the same shape; <paramref name="x"/> is not changed.</returns>
    /// <exception cref="ArgumentException">The mode or data format is unknown, or (caffe, torch) the channel axis does
    /// not have 3 channels.</exception>
    /// <example><code>
    /// var x = Applications.PreprocessInput(images, mode: "torch");   // (N, H, W, 3) RGB 0–255 → ImageNet-normalized
    /// </code></example>
    public static NDArray PreprocessInput(NDArray x, string? dataFormat = null, string mode = "caffe") =>
        Preprocess(x, dataFormat, mode, "ImageNet");

    /// <summary>
    /// Prepares RGB images with values 0–255 for an ImageNet model in the <c>caffe</c>, <c>tf</c> or <c>torch</c> mode;
    /// see <see cref="PreprocessInput(NDArray, string?, string)"/>.
    /// </summary>
    /// <param name="x">Images <c>(N, H, W, 3)</c> or <c>(H, W, 3)</c> (channels_first: <c>(N, 3, H, W)</c> or <c>(3, H, W)</c>).</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="mode"><c>caffe</c> (default), <c>tf</c> or <c>torch</c>.</param>
    /// <returns>A new float32 tensor (an input of another floating dtype keeps it) on the same device.</returns>
    /// <exception cref="ArgumentException">The mode or data format is unknown, or (caffe, torch) the channel axis does
    /// not have 3 channels.</exception>
    public static Tensor PreprocessInput(Tensor x, string? dataFormat = null, string mode = "caffe") =>
        Preprocess(x, dataFormat, mode, "ImageNet");

    /// <summary>
    /// Prepares RGB images with values 0–255 for VGG19 (Keras <c>keras.applications.vgg19.preprocess_input</c>): the
    /// <c>caffe</c> mode of <see cref="PreprocessInput(NDArray, string?, string)"/> (RGB → BGR, minus the ImageNet means).
    /// </summary>
    /// <param name="x">Images <c>(N, H, W, 3)</c> or <c>(H, W, 3)</c> (channels_first: <c>(N, 3, H, W)</c> or <c>(3, H, W)</c>), values 0–255.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <returns>A new float32 array of the same shape.</returns>
    /// <exception cref="ArgumentException">The channel axis does not have 3 channels, or the data format is unknown.</exception>
    public static NDArray VGG19PreprocessInput(NDArray x, string? dataFormat = null) => Preprocess(x, dataFormat, "caffe", "VGG19");

    /// <summary>
    /// Prepares RGB images with values 0–255 for ResNet50/101/152 (Keras <c>keras.applications.resnet.preprocess_input</c>
    /// and <c>resnet50.preprocess_input</c>): the <c>caffe</c> mode of
    /// <see cref="PreprocessInput(NDArray, string?, string)"/> (RGB → BGR, minus the ImageNet means).
    /// </summary>
    /// <param name="x">Images <c>(N, H, W, 3)</c> or <c>(H, W, 3)</c> (channels_first: <c>(N, 3, H, W)</c> or <c>(3, H, W)</c>), values 0–255.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <returns>A new float32 array of the same shape.</returns>
    /// <exception cref="ArgumentException">The channel axis does not have 3 channels, or the data format is unknown.</exception>
    public static NDArray ResNetPreprocessInput(NDArray x, string? dataFormat = null) => Preprocess(x, dataFormat, "caffe", "ResNet");

    /// <summary>
    /// Prepares RGB images with values 0–255 for MobileNetV2 (Keras <c>keras.applications.mobilenet_v2.preprocess_input</c>):
    /// the <c>tf</c> mode of <see cref="PreprocessInput(NDArray, string?, string)"/> (x / 127.5 − 1, in [−1, 1]).
    /// </summary>
    /// <param name="x">Images of any shape, values 0–255.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c> (checked only; the mode ignores it).</param>
    /// <returns>A new float32 array of the same shape.</returns>
    /// <exception cref="ArgumentException">The data format is unknown.</exception>
    public static NDArray MobileNetV2PreprocessInput(NDArray x, string? dataFormat = null) => Preprocess(x, dataFormat, "tf", "MobileNetV2");

    /// <summary>
    /// Prepares RGB images with values 0–255 for Xception (Keras <c>keras.applications.xception.preprocess_input</c>):
    /// the <c>tf</c> mode of <see cref="PreprocessInput(NDArray, string?, string)"/> (x / 127.5 − 1, in [−1, 1]).
    /// </summary>
    /// <param name="x">Images of any shape, values 0–255.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c> (checked only; the mode ignores it).</param>
    /// <returns>A new float32 array of the same shape.</returns>
    /// <exception cref="ArgumentException">The data format is unknown.</exception>
    public static NDArray XceptionPreprocessInput(NDArray x, string? dataFormat = null) => Preprocess(x, dataFormat, "tf", "Xception");

    private static NDArray Preprocess(NDArray x, string? dataFormat, string mode, string family)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        return TensorConvert.ToNDArray(Preprocess(TensorConvert.ToTensor(x, nameof(x)), dataFormat, mode, family));
    }

    // Keras _preprocess_numpy_input/_preprocess_tensor_input, in float32 like Keras (a float64 input stays float64).
    private static Tensor Preprocess(Tensor x, string? dataFormat, string mode, string family)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (mode is not ("caffe" or "tf" or "torch"))
        {
            throw new ArgumentException($"Expected mode to be one of `caffe`, `tf` or `torch`. Received: mode={mode}", nameof(mode));
        }

        var format = ConvArgs.DataFormat(dataFormat);
        var floats = x.is_floating_point() ? x : x.to(float32);
        if (mode == "tf")
        {
            return floats.div(127.5).sub(1.0);
        }

        var axis = format == "channels_last" ? x.dim() - 1 : x.dim() == 3 ? 0 : 1;
        if (x.dim() < 3 || x.shape[axis] != 3)
        {
            throw new ArgumentException(
                $"{family} preprocessing expects RGB images with 3 channels on axis {axis} ({format}). Received shape ({string.Join(", ", x.shape)}).",
                nameof(x));
        }

        var channelShape = Enumerable.Repeat(1L, (int)x.dim()).ToArray();
        channelShape[axis] = 3;
        Tensor PerChannel(double[] values) => tensor(values, dtype: floats.dtype, device: floats.device).reshape(channelShape);
        return mode == "caffe"
            ? floats.flip(axis).sub(PerChannel(CaffeMeanBgr))
            : floats.div(255.0).sub(PerChannel(TorchMeanRgb)).div(PerChannel(TorchStdRgb));
    }
}
