using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Applications
{
    /// <summary>
    /// Prepares RGB images with values 0–255 for VGG16 (Keras <c>keras.applications.vgg16.preprocess_input</c>, mode
    /// "caffe"): the channels are reordered RGB → BGR and the ImageNet mean of each channel, [103.939, 116.779, 123.68]
    /// (B, G, R), is subtracted. There is no scaling.
    /// </summary>
    /// <param name="x">Images <c>(N, H, W, 3)</c> or one image <c>(H, W, 3)</c> (channels_first: <c>(N, 3, H, W)</c> or
    /// <c>(3, H, W)</c>), any numeric dtype, values 0–255.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <returns>A new float32 array of the same shape; <paramref name="x"/> is not changed.</returns>
    /// <exception cref="ArgumentException">The channel axis does not have 3 channels, or the data format is unknown.</exception>
    /// <example><code>
    /// var x = Applications.VGG16PreprocessInput(images);   // (N, 224, 224, 3) RGB 0–255 → BGR, mean-centred
    /// var probabilities = vgg.Predict(x);
    /// </code></example>
    public static NDArray VGG16PreprocessInput(NDArray x, string? dataFormat = null) =>
        Preprocess(x, dataFormat, "caffe", "VGG16");

    /// <summary>
    /// Prepares RGB images with values 0–255 for VGG16 ("caffe" mode): RGB → BGR, minus the ImageNet channel means;
    /// see <see cref="VGG16PreprocessInput(NDArray, string?)"/>.
    /// </summary>
    /// <param name="x">Images <c>(N, H, W, 3)</c> or <c>(H, W, 3)</c> (channels_first: <c>(N, 3, H, W)</c> or <c>(3, H, W)</c>).</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <returns>A new float32 tensor (an input of another floating dtype keeps it) on the same device.</returns>
    /// <exception cref="ArgumentException">The channel axis does not have 3 channels, or the data format is unknown.</exception>
    public static Tensor VGG16PreprocessInput(Tensor x, string? dataFormat = null) => Preprocess(x, dataFormat, "caffe", "VGG16");
}
