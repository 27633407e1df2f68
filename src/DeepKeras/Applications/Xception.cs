using DeepKeras.Layers;
using DeepKeras.Models;

namespace DeepKeras;

public static partial class Applications
{
    /// <summary>Where Keras downloads the Xception weights files from.</summary>
    private const string XceptionWeightsOrigin = ImagenetModel.WeightsOrigin + "xception/";

    /// <summary>
    /// The Xception network (Keras <c>keras.applications.Xception</c>, Chollet 2017): depthwise separable convolutions
    /// with residual connections — an entry flow (two 3×3 convolutions, then three blocks of two separable convolutions
    /// and a 3×3/2 max pooling beside a strided 1×1 shortcut, 128, 256, 728 filters), a middle flow of eight residual
    /// blocks of three 728-filter separable convolutions, and an exit flow (728 → 1024 block, then 1536 and 2048
    /// separable convolutions); with the top, global average pooling and <c>Dense(classes)</c>.
    /// </summary>
    /// <remarks>
    /// <para>Layers have Keras's names (<c>block1_conv1</c>, <c>block2_sepconv1</c>, <c>block2_sepconv1_bn</c>,
    /// <c>block4_pool</c>, …, <c>block14_sepconv2_act</c>, <c>avg_pool</c>, <c>predictions</c>); as in Keras, the four
    /// shortcut convolutions, their batch normalizations and the twelve additions are unnamed, so they get automatic
    /// names (<c>conv2d</c>, <c>batch_normalization</c>, <c>add</c>, … in a fresh session). The model has 22,910,480
    /// parameters with the top and 20,861,480 without.</para>
    /// <para>The input is channels_last: (299, 299, 3) by default with the top, (None, None, 3) without; at least 71×71.</para>
    /// <para>Inputs are expected as <see cref="XceptionPreprocessInput(NumSharp.NDArray, string?)"/> prepares them ("tf":
    /// scaled to [-1, 1]); <see cref="DecodePredictions(NumSharp.NDArray, int)"/> names the top classes.</para>
    /// </remarks>
    /// <param name="includeTop">Whether to include the global pooling and the classifier at the top (default true).</param>
    /// <param name="weights"><c>null</c> (default here) for random initialization; <c>"imagenet"</c> for Keras's pretrained
    /// weights (<c>xception_weights_tf_dim_ordering_tf_kernels[_notop].h5</c> in <c>~/.keras/models/</c>, md5-checked,
    /// downloaded on first use); or the path of a <c>.weights.h5</c>, <c>.keras</c> or legacy <c>.h5</c> weights file.</param>
    /// <param name="inputTensor">A symbolic tensor to use as the image input instead of a new <c>Keras.Input</c>.</param>
    /// <param name="inputShape">The input shape without the batch axis, <c>(height, width, 3)</c>.</param>
    /// <param name="pooling">Without the top: null (default) keeps the 4-D output, <c>"avg"</c> adds GlobalAveragePooling2D,
    /// <c>"max"</c> GlobalMaxPooling2D (output (None, 2048)).</param>
    /// <param name="classes">Number of classes of the top (default 1000; must be 1000 with ImageNet weights).</param>
    /// <param name="classifierActivation">Activation of the <c>predictions</c> layer (default <c>softmax</c>; null for
    /// logits). With pretrained weights only softmax or null are allowed.</param>
    /// <param name="name">The model name (default <c>xception</c>).</param>
    /// <returns>The built (not compiled) functional model.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of Keras's rules (input shape, pooling, classes, weights); the message says which.</exception>
    /// <exception cref="FileNotFoundException">ImageNet weights are not cached and cannot be downloaded; the message says where to put the file.</exception>
    /// <exception cref="Saving.KerasFileException">The weights file is damaged or does not match the model.</exception>
    /// <example><code>
    /// var xception = Applications.Xception(weights: "imagenet");            // 299×299×3 → 1000 classes
    /// var top5 = Applications.DecodePredictions(xception.Predict(Applications.XceptionPreprocessInput(images)));
    /// </code></example>
    public static Functional Xception(bool includeTop = true, string? weights = null, KerasTensor? inputTensor = null, Shape? inputShape = null,
        string? pooling = null, int classes = 1000, string? classifierActivation = "softmax", string name = "xception")
    {
        var (shape, activation) = ImagenetModel.CheckArguments(includeTop, weights, inputTensor, inputShape, pooling, classes,
            classifierActivation, defaultSize: 299, minSize: 71);
        var weightsPath = weights != "imagenet" ? weights : includeTop
            ? ImagenetModel.PretrainedFile("xception_weights_tf_dim_ordering_tf_kernels.h5", XceptionWeightsOrigin, "0a58e3b7378bc2990ea3b43d5981f1f6", "Xception")
            : ImagenetModel.PretrainedFile("xception_weights_tf_dim_ordering_tf_kernels_notop.h5", XceptionWeightsOrigin, "b0042744bf5b25fce3cb969f33bebb97", "Xception");

        var imgInput = ImagenetModel.ImageInput(shape, inputTensor);
        var x = new Conv2D(32, (3, 3), strides: (2, 2), useBias: false, name: "block1_conv1").Apply(imgInput);
        x = new BatchNormalization(name: "block1_conv1_bn").Apply(x);
        x = new Activation("relu", name: "block1_conv1_act").Apply(x);
        x = new Conv2D(64, (3, 3), useBias: false, name: "block1_conv2").Apply(x);
        x = new BatchNormalization(name: "block1_conv2_bn").Apply(x);
        x = new Activation("relu", name: "block1_conv2_act").Apply(x);

        // Entry flow: blocks 2-4 halve the size beside a strided 1×1 shortcut; block 2 starts without an activation.
        x = XceptionDownBlock(x, 2, 128, 128, activateFirst: false);
        x = XceptionDownBlock(x, 3, 256, 256, activateFirst: true);
        x = XceptionDownBlock(x, 4, 728, 728, activateFirst: true);

        // Middle flow: eight identity-shortcut blocks of three separable convolutions.
        for (var block = 5; block <= 12; block++)
        {
            var residual = x;
            for (var i = 1; i <= 3; i++)
            {
                x = new Activation("relu", name: $"block{block}_sepconv{i}_act").Apply(x);
                x = XceptionSeparable(x, 728, $"block{block}_sepconv{i}");
            }

            x = new Add().Apply(x, residual);
        }

        // Exit flow.
        x = XceptionDownBlock(x, 13, 728, 1024, activateFirst: true);
        x = XceptionSeparable(x, 1536, "block14_sepconv1");
        x = new Activation("relu", name: "block14_sepconv1_act").Apply(x);
        x = XceptionSeparable(x, 2048, "block14_sepconv2");
        x = new Activation("relu", name: "block14_sepconv2_act").Apply(x);

        x = ImagenetModel.GlobalPoolingTop(x, includeTop, pooling, classes, activation, topPoolName: "avg_pool");
        return ImagenetModel.Create(imgInput, inputTensor, x, name, weightsPath);
    }

    // Two separable convolutions (ReLU between, and before the first unless `activateFirst` is false) and a 3×3/2 max
    // pooling, added to a strided 1×1 convolution of the block's input.
    private static KerasTensor XceptionDownBlock(KerasTensor x, int block, int filters1, int filters2, bool activateFirst)
    {
        var residual = new Conv2D(filters2, (1, 1), strides: (2, 2), padding: "same", useBias: false).Apply(x);
        residual = new BatchNormalization().Apply(residual);
        if (activateFirst)
        {
            x = new Activation("relu", name: $"block{block}_sepconv1_act").Apply(x);
        }

        x = XceptionSeparable(x, filters1, $"block{block}_sepconv1");
        x = new Activation("relu", name: $"block{block}_sepconv2_act").Apply(x);
        x = XceptionSeparable(x, filters2, $"block{block}_sepconv2");
        x = new MaxPooling2D((3, 3), strides: (2, 2), padding: "same", name: $"block{block}_pool").Apply(x);
        return new Add().Apply(x, residual);
    }

    private static KerasTensor XceptionSeparable(KerasTensor x, int filters, string name)
    {
        x = new SeparableConv2D(filters, (3, 3), padding: "same", useBias: false, name: name).Apply(x);
        return new BatchNormalization(name: $"{name}_bn").Apply(x);
    }
}
