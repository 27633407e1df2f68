using DeepKeras.Engine;
using DeepKeras.Models;

namespace DeepKeras;

public static partial class Applications
{
    /// <summary>The name of the pretrained ImageNet weights file Keras uses for VGG16 with the top.</summary>
    internal const string Vgg16WeightsFile = "vgg16_weights_tf_dim_ordering_tf_kernels.h5";

    /// <summary>The name of the pretrained ImageNet weights file Keras uses for VGG16 without the top.</summary>
    internal const string Vgg16NoTopWeightsFile = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5";

    /// <summary>Where Keras downloads the VGG16 weights files from.</summary>
    internal const string Vgg16WeightsOrigin = "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/";

    /// <summary>The md5 hashes Keras checks the two weights files against.</summary>
    internal const string Vgg16WeightsMd5 = "64373286793e3c8b2b4e3219cbf3544b";

    /// <summary>The md5 of the weights file without the top.</summary>
    internal const string Vgg16NoTopWeightsMd5 = "6d6bbae143d832006294945121d1f1fc";

    /// <summary>
    /// The VGG16 network (Keras <c>keras.applications.VGG16</c>, Simonyan &amp; Zisserman 2015): five blocks of 3×3
    /// "same" convolutions with ReLU (64, 128, 256, 512, 512 filters; 2, 2, 3, 3, 3 convolutions) each closed by a 2×2
    /// max pooling, then, with the top, <c>Flatten → Dense(4096, relu) → Dense(4096, relu) → Dense(classes)</c>.
    /// </summary>
    /// <remarks>
    /// <para>Layers have Keras's names: <c>block1_conv1</c> … <c>block5_conv3</c>, <c>block1_pool</c> … <c>block5_pool</c>,
    /// then <c>flatten</c>, <c>fc1</c>, <c>fc2</c>, <c>predictions</c>. With the top and 224×224×3 inputs the model has
    /// 138,357,544 parameters (fc1 alone 102,764,544); without the top 14,714,688, for any input size.</para>
    /// <para>The input is channels_last. With the top it defaults to (224, 224, 3); any static size of at least 32×32
    /// is allowed with random weights (fc1 grows with it). Without the top the default is (None, None, 3) and any
    /// H, W ≥ 32 works: a 32×32 input ends in a 1×1×512 block5_pool output, which makes VGG16 a feature extractor for
    /// small images (see the example).</para>
    /// <para>Inputs are expected as <see cref="VGG16PreprocessInput(NumSharp.NDArray, string?)"/> prepares them (BGR, mean
    /// subtracted, 0–255 scale).</para>
    /// </remarks>
    /// <param name="includeTop">Whether to include the three dense layers at the top (default true).</param>
    /// <param name="weights">
    /// <c>null</c> (default here) for random initialization; <c>"imagenet"</c> for Keras's pretrained ImageNet weights,
    /// taken from <c>~/.keras/models/</c> (<c>vgg16_weights_tf_dim_ordering_tf_kernels[_notop].h5</c>, md5-checked) or
    /// downloaded there on first use; or the path of a weights file (<c>.weights.h5</c>, <c>.keras</c> or a legacy Keras
    /// <c>.h5</c>), loaded with <see cref="Model.LoadWeights"/>.
    /// </param>
    /// <param name="inputTensor">A symbolic tensor (e.g. from <c>Keras.Input</c> or a preprocessing layer) to use as the
    /// image input instead of a new <c>Keras.Input</c>; the model's inputs are the inputs that tensor depends on.</param>
    /// <param name="inputShape">The input shape without the batch axis, <c>(height, width, 3)</c>; see remarks.</param>
    /// <param name="pooling">Without the top: null (default) keeps the 4-D block5_pool output, <c>"avg"</c> adds
    /// GlobalAveragePooling2D, <c>"max"</c> GlobalMaxPooling2D (output (None, 512)).</param>
    /// <param name="classes">Number of classes of the top (default 1000; must be 1000 with ImageNet weights).</param>
    /// <param name="classifierActivation">Activation of the <c>predictions</c> layer (default <c>softmax</c>; null for
    /// logits). With pretrained weights only softmax or null are allowed.</param>
    /// <param name="name">The model name (default <c>vgg16</c>).</param>
    /// <returns>The built (not compiled) functional model.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of Keras's rules (input shape, pooling, classes, weights); the message says which.</exception>
    /// <exception cref="FileNotFoundException">ImageNet weights are not cached and cannot be downloaded; the message says where to put the file.</exception>
    /// <exception cref="Saving.KerasFileException">The weights file is damaged or does not match the model.</exception>
    /// <example><code>
    /// var vgg = Applications.VGG16();                 // 224×224×3 → 1000 classes
    /// vgg.Summary();                                  // Total params: 138,357,544 (527.79 MB)
    ///
    /// // Transfer learning on small images: freeze the convolutional base, train a new head.
    /// var baseModel = Applications.VGG16(includeTop: false, inputShape: (32, 32, 3));
    /// baseModel.Trainable = false;
    /// var inputs = Keras.Input((32, 32, 3));
    /// var x = baseModel.Apply(inputs);
    /// x = new GlobalAveragePooling2D().Apply(x);
    /// var outputs = new Dense(10, activation: "softmax").Apply(x);
    /// var model = Keras.Model(inputs, outputs);
    /// </code></example>
    public static Functional VGG16(bool includeTop = true, string? weights = null, KerasTensor? inputTensor = null, Shape? inputShape = null,
        string? pooling = null, int classes = 1000, string? classifierActivation = "softmax", string name = "vgg16") =>
        Vgg([2, 2, 3, 3, 3], includeTop, weights, inputTensor, inputShape, pooling, classes, classifierActivation, name,
            () => ImagenetModel.PretrainedFile(includeTop ? Vgg16WeightsFile : Vgg16NoTopWeightsFile, Vgg16WeightsOrigin,
                includeTop ? Vgg16WeightsMd5 : Vgg16NoTopWeightsMd5, "VGG16"));
}
