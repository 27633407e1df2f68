using DeepKeras.Models;

namespace DeepKeras;

public static partial class Applications
{
    /// <summary>Where Keras downloads the VGG19 weights files from.</summary>
    private const string Vgg19WeightsOrigin = ImagenetModel.WeightsOrigin + "vgg19/";

    /// <summary>
    /// The VGG19 network (Keras <c>keras.applications.VGG19</c>, Simonyan &amp; Zisserman 2015): VGG16 with a fourth
    /// convolution in blocks 3, 4 and 5 — 16 "same" 3×3 ReLU convolutions (2, 2, 4, 4, 4 per block; 64, 128, 256, 512,
    /// 512 filters), each block closed by a 2×2 max pooling, then, with the top,
    /// <c>Flatten → Dense(4096, relu) → Dense(4096, relu) → Dense(classes)</c>.
    /// </summary>
    /// <remarks>
    /// <para>Layers have Keras's names: <c>block1_conv1</c> … <c>block5_conv4</c>, <c>block1_pool</c> … <c>block5_pool</c>,
    /// then <c>flatten</c>, <c>fc1</c>, <c>fc2</c>, <c>predictions</c>. With the top and 224×224×3 inputs the model has
    /// 143,667,240 parameters; without the top 20,024,384, for any input size.</para>
    /// <para>The input is channels_last: (224, 224, 3) by default with the top, (None, None, 3) without; any static
    /// size of at least 32×32 works with random weights (fc1 grows with it).</para>
    /// <para>Inputs are expected as <see cref="VGG19PreprocessInput(NumSharp.NDArray, string?)"/> prepares them (BGR, mean
    /// subtracted, 0–255 scale); <see cref="DecodePredictions(NumSharp.NDArray, int)"/> names the top classes.</para>
    /// </remarks>
    /// <param name="includeTop">Whether to include the three dense layers at the top (default true).</param>
    /// <param name="weights">
    /// <c>null</c> (default here) for random initialization; <c>"imagenet"</c> for Keras's pretrained ImageNet weights,
    /// taken from <c>~/.keras/models/</c> (<c>vgg19_weights_tf_dim_ordering_tf_kernels[_notop].h5</c>, md5-checked) or
    /// downloaded there on first use; or the path of a weights file (<c>.weights.h5</c>, <c>.keras</c> or a legacy Keras
    /// <c>.h5</c>), loaded with <see cref="Model.LoadWeights"/>.
    /// </param>
    /// <param name="inputTensor">A symbolic tensor to use as the image input instead of a new <c>Keras.Input</c>; the
    /// model's inputs are the inputs that tensor depends on.</param>
    /// <param name="inputShape">The input shape without the batch axis, <c>(height, width, 3)</c>; see remarks.</param>
    /// <param name="pooling">Without the top: null (default) keeps the 4-D block5_pool output, <c>"avg"</c> adds
    /// GlobalAveragePooling2D, <c>"max"</c> GlobalMaxPooling2D (output (None, 512)).</param>
    /// <param name="classes">Number of classes of the top (default 1000; must be 1000 with ImageNet weights).</param>
    /// <param name="classifierActivation">Activation of the <c>predictions</c> layer (default <c>softmax</c>; null for
    /// logits). With pretrained weights only softmax or null are allowed.</param>
    /// <param name="name">The model name (default <c>vgg19</c>).</param>
    /// <returns>The built (not compiled) functional model.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of Keras's rules (input shape, pooling, classes, weights); the message says which.</exception>
    /// <exception cref="FileNotFoundException">ImageNet weights are not cached and cannot be downloaded; the message says where to put the file.</exception>
    /// <exception cref="Saving.KerasFileException">The weights file is damaged or does not match the model.</exception>
    /// <example><code>
    /// var vgg = Applications.VGG19(weights: "imagenet");       // 224×224×3 → 1000 classes, 143,667,240 parameters
    /// var probabilities = vgg.Predict(Applications.VGG19PreprocessInput(images));
    /// foreach (var (id, label, score) in Applications.DecodePredictions(probabilities, top: 3)[0])
    ///     Console.WriteLine($"{label}: {score:P1}");
    /// </code></example>
    public static Functional VGG19(bool includeTop = true, string? weights = null, KerasTensor? inputTensor = null, Shape? inputShape = null,
        string? pooling = null, int classes = 1000, string? classifierActivation = "softmax", string name = "vgg19") =>
        Vgg([2, 2, 4, 4, 4], includeTop, weights, inputTensor, inputShape, pooling, classes, classifierActivation, name,
            () => includeTop
                ? ImagenetModel.PretrainedFile("vgg19_weights_tf_dim_ordering_tf_kernels.h5", Vgg19WeightsOrigin, "cbe5617147190e668d6c5d5026f83318", "VGG19")
                : ImagenetModel.PretrainedFile("vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5", Vgg19WeightsOrigin, "253f8cb515780f3b799900260a226db6", "VGG19"));
}
