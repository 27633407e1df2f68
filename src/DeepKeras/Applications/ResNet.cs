using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;

namespace DeepKeras;

public static partial class Applications
{
    /// <summary>Where Keras downloads the ResNet weights files from.</summary>
    private const string ResNetWeightsOrigin = ImagenetModel.WeightsOrigin + "resnet/";

    // Keras's md5 hashes of <name>_weights_tf_dim_ordering_tf_kernels.h5 and of its _notop twin.
    private static readonly Dictionary<string, (string Top, string NoTop)> ResNetWeightsMd5 = new()
    {
        ["resnet50"] = ("2cb95161c43110f7111970584f804107", "4d473c1dd8becc155b73f8504c6f6626"),
        ["resnet101"] = ("f1aeb4b969a6efcfb50fad2f0c20cfc5", "88cf7a10940856eca736dc7b7e228a21"),
        ["resnet152"] = ("100835be76be38e30d865e96f2aaae62", "ee4c566cf9a93f14d82f913c2dc6dd0c"),
    };

    /// <summary>
    /// The ResNet50 network (Keras <c>keras.applications.ResNet50</c>, He et al. 2015): a 7×7/2 convolution and a 3×3/2
    /// max pooling, then 16 bottleneck residual blocks in four stages (3, 4, 6, 3 blocks of 1×1 → 3×3 → 1×1
    /// convolutions with 64, 128, 256, 512 → ×4 filters, batch normalization with epsilon 1.001e-5), then, with the top,
    /// global average pooling and <c>Dense(classes)</c>.
    /// </summary>
    /// <remarks>
    /// <para>Layers have Keras's names: <c>conv1_pad</c>, <c>conv1_conv</c>, <c>conv1_bn</c>, <c>conv1_relu</c>,
    /// <c>pool1_pad</c>, <c>pool1_pool</c>, then <c>conv{stage}_block{n}_{0..3}_conv/_bn</c>, <c>…_relu</c>, <c>…_add</c>,
    /// <c>…_out</c> (stages 2–5), then <c>avg_pool</c> and <c>predictions</c>. The model has 25,636,712 parameters with the
    /// top (53,120 of them the non-trainable batch-normalization statistics) and 23,587,712 without.</para>
    /// <para>The input is channels_last: (224, 224, 3) by default with the top, (None, None, 3) without; at least 32×32.</para>
    /// <para>Inputs are expected as <see cref="ResNetPreprocessInput(NumSharp.NDArray, string?)"/> prepares them ("caffe":
    /// BGR, mean subtracted, 0–255 scale); <see cref="DecodePredictions(NumSharp.NDArray, int)"/> names the top classes.</para>
    /// </remarks>
    /// <param name="includeTop">Whether to include the global pooling and the classifier at the top (default true).</param>
    /// <param name="weights"><c>null</c> (default here) for random initialization; <c>"imagenet"</c> for Keras's pretrained
    /// weights (<c>resnet50_weights_tf_dim_ordering_tf_kernels[_notop].h5</c> in <c>~/.keras/models/</c>, md5-checked,
    /// downloaded on first use); or the path of a <c>.weights.h5</c>, <c>.keras</c> or legacy <c>.h5</c> weights file.</param>
    /// <param name="inputTensor">A symbolic tensor to use as the image input instead of a new <c>Keras.Input</c>.</param>
    /// <param name="inputShape">The input shape without the batch axis, <c>(height, width, 3)</c>.</param>
    /// <param name="pooling">Without the top: null (default) keeps the 4-D output of the last block, <c>"avg"</c> adds
    /// GlobalAveragePooling2D named <c>avg_pool</c>, <c>"max"</c> GlobalMaxPooling2D named <c>max_pool</c> (output (None, 2048)).</param>
    /// <param name="classes">Number of classes of the top (default 1000; must be 1000 with ImageNet weights).</param>
    /// <param name="classifierActivation">Activation of the <c>predictions</c> layer (default <c>softmax</c>; null for
    /// logits). With pretrained weights only softmax or null are allowed.</param>
    /// <param name="name">The model name (default <c>resnet50</c>).</param>
    /// <returns>The built (not compiled) functional model.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of Keras's rules (input shape, pooling, classes, weights); the message says which.</exception>
    /// <exception cref="FileNotFoundException">ImageNet weights are not cached and cannot be downloaded; the message says where to put the file.</exception>
    /// <exception cref="Saving.KerasFileException">The weights file is damaged or does not match the model.</exception>
    /// <example><code>
    /// // A frozen ResNet50 feature extractor with a new 10-class head.
    /// var backbone = Applications.ResNet50(includeTop: false, weights: "imagenet", inputShape: (160, 160, 3), pooling: "avg");
    /// backbone.Trainable = false;
    /// var inputs = Keras.Input((160, 160, 3));
    /// var outputs = new Dense(10, activation: "softmax").Apply(backbone.Apply(inputs));
    /// var model = Keras.Model(inputs, outputs);
    /// </code></example>
    public static Functional ResNet50(bool includeTop = true, string? weights = null, KerasTensor? inputTensor = null, Shape? inputShape = null,
        string? pooling = null, int classes = 1000, string? classifierActivation = "softmax", string name = "resnet50") =>
        ResNet([3, 4, 6, 3], "resnet50", includeTop, weights, inputTensor, inputShape, pooling, classes, classifierActivation, name);

    /// <summary>
    /// The ResNet101 network (Keras <c>keras.applications.ResNet101</c>): <see cref="ResNet50"/> with 23 instead of 6
    /// blocks in the third stage; 44,707,176 parameters with the top, 42,658,176 without.
    /// </summary>
    /// <param name="includeTop">Whether to include the global pooling and the classifier at the top (default true).</param>
    /// <param name="weights"><c>null</c> (default here), <c>"imagenet"</c> (<c>resnet101_weights_tf_dim_ordering_tf_kernels[_notop].h5</c>)
    /// or the path of a weights file.</param>
    /// <param name="inputTensor">A symbolic tensor to use as the image input instead of a new <c>Keras.Input</c>.</param>
    /// <param name="inputShape">The input shape without the batch axis, <c>(height, width, 3)</c>, at least 32×32.</param>
    /// <param name="pooling">Without the top: null, <c>"avg"</c> (<c>avg_pool</c>) or <c>"max"</c> (<c>max_pool</c>).</param>
    /// <param name="classes">Number of classes of the top (default 1000).</param>
    /// <param name="classifierActivation">Activation of the <c>predictions</c> layer (default <c>softmax</c>).</param>
    /// <param name="name">The model name (default <c>resnet101</c>).</param>
    /// <returns>The built (not compiled) functional model.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of Keras's rules; the message says which.</exception>
    /// <exception cref="FileNotFoundException">ImageNet weights are not cached and cannot be downloaded.</exception>
    /// <exception cref="Saving.KerasFileException">The weights file is damaged or does not match the model.</exception>
    public static Functional ResNet101(bool includeTop = true, string? weights = null, KerasTensor? inputTensor = null, Shape? inputShape = null,
        string? pooling = null, int classes = 1000, string? classifierActivation = "softmax", string name = "resnet101") =>
        ResNet([3, 4, 23, 3], "resnet101", includeTop, weights, inputTensor, inputShape, pooling, classes, classifierActivation, name);

    /// <summary>
    /// The ResNet152 network (Keras <c>keras.applications.ResNet152</c>): <see cref="ResNet50"/> with 8 and 36 blocks in
    /// the second and third stages; 60,419,944 parameters with the top, 58,370,944 without.
    /// </summary>
    /// <param name="includeTop">Whether to include the global pooling and the classifier at the top (default true).</param>
    /// <param name="weights"><c>null</c> (default here), <c>"imagenet"</c> (<c>resnet152_weights_tf_dim_ordering_tf_kernels[_notop].h5</c>)
    /// or the path of a weights file.</param>
    /// <param name="inputTensor">A symbolic tensor to use as the image input instead of a new <c>Keras.Input</c>.</param>
    /// <param name="inputShape">The input shape without the batch axis, <c>(height, width, 3)</c>, at least 32×32.</param>
    /// <param name="pooling">Without the top: null, <c>"avg"</c> (<c>avg_pool</c>) or <c>"max"</c> (<c>max_pool</c>).</param>
    /// <param name="classes">Number of classes of the top (default 1000).</param>
    /// <param name="classifierActivation">Activation of the <c>predictions</c> layer (default <c>softmax</c>).</param>
    /// <param name="name">The model name (default <c>resnet152</c>).</param>
    /// <returns>The built (not compiled) functional model.</returns>
    /// <exception cref="ArgumentException">An argument breaks one of Keras's rules; the message says which.</exception>
    /// <exception cref="FileNotFoundException">ImageNet weights are not cached and cannot be downloaded.</exception>
    /// <exception cref="Saving.KerasFileException">The weights file is damaged or does not match the model.</exception>
    public static Functional ResNet152(bool includeTop = true, string? weights = null, KerasTensor? inputTensor = null, Shape? inputShape = null,
        string? pooling = null, int classes = 1000, string? classifierActivation = "softmax", string name = "resnet152") =>
        ResNet([3, 8, 36, 3], "resnet152", includeTop, weights, inputTensor, inputShape, pooling, classes, classifierActivation, name);

    private static Functional ResNet(int[] blocks, string weightsName, bool includeTop, string? weights, KerasTensor? inputTensor,
        Shape? inputShape, string? pooling, int classes, string? classifierActivation, string name)
    {
        var (shape, activation) = ImagenetModel.CheckArguments(includeTop, weights, inputTensor, inputShape, pooling, classes,
            classifierActivation, defaultSize: 224, minSize: 32);
        string? weightsPath = weights;
        if (weights == "imagenet")
        {
            var file = $"{weightsName}_weights_tf_dim_ordering_tf_kernels{(includeTop ? "" : "_notop")}.h5";
            var (top, noTop) = ResNetWeightsMd5[weightsName];
            weightsPath = ImagenetModel.PretrainedFile(file, ResNetWeightsOrigin, includeTop ? top : noTop, "ResNet" + weightsName["resnet".Length..]);
        }

        var imgInput = ImagenetModel.ImageInput(shape, inputTensor);
        var x = new ZeroPadding2D(((3, 3), (3, 3)), name: "conv1_pad").Apply(imgInput);
        x = new Conv2D(64, 7, strides: 2, name: "conv1_conv").Apply(x);
        x = ResNetBatchNorm("conv1_bn").Apply(x);
        x = new Activation("relu", name: "conv1_relu").Apply(x);
        x = new ZeroPadding2D(((1, 1), (1, 1)), name: "pool1_pad").Apply(x);
        x = new MaxPooling2D(3, strides: 2, name: "pool1_pool").Apply(x);

        int[] filters = [64, 128, 256, 512];
        for (var stage = 0; stage < blocks.Length; stage++)
        {
            // The first stage keeps the size (the max pooling just halved it); the others halve it in their first block.
            for (var block = 1; block <= blocks[stage]; block++)
            {
                x = ResidualBlockV1(x, filters[stage], stride: block == 1 && stage > 0 ? 2 : 1, convShortcut: block == 1,
                    $"conv{stage + 2}_block{block}");
            }
        }

        x = ImagenetModel.GlobalPoolingTop(x, includeTop, pooling, classes, activation, topPoolName: "avg_pool",
            avgPoolName: "avg_pool", maxPoolName: "max_pool");
        return ImagenetModel.Create(imgInput, inputTensor, x, name, weightsPath);
    }

    // Keras residual_block_v1: 1×1 (stride) → 3×3 → 1×1 (×4 filters), each with batch normalization, plus a shortcut
    // (a strided 1×1 convolution in a stage's first block, the identity after), then ReLU.
    private static KerasTensor ResidualBlockV1(KerasTensor x, int filters, int stride, bool convShortcut, string name)
    {
        var shortcut = x;
        if (convShortcut)
        {
            shortcut = new Conv2D(4 * filters, 1, strides: stride, name: $"{name}_0_conv").Apply(x);
            shortcut = ResNetBatchNorm($"{name}_0_bn").Apply(shortcut);
        }

        x = new Conv2D(filters, 1, strides: stride, name: $"{name}_1_conv").Apply(x);
        x = ResNetBatchNorm($"{name}_1_bn").Apply(x);
        x = new Activation("relu", name: $"{name}_1_relu").Apply(x);
        x = new Conv2D(filters, 3, padding: "same", name: $"{name}_2_conv").Apply(x);
        x = ResNetBatchNorm($"{name}_2_bn").Apply(x);
        x = new Activation("relu", name: $"{name}_2_relu").Apply(x);
        x = new Conv2D(4 * filters, 1, name: $"{name}_3_conv").Apply(x);
        x = ResNetBatchNorm($"{name}_3_bn").Apply(x);
        x = new Add(name: $"{name}_add").Apply(shortcut, x);
        return new Activation("relu", name: $"{name}_out").Apply(x);
    }

    private static BatchNormalization ResNetBatchNorm(string name) => new(axis: 3, epsilon: 1.001e-5, name: name);
}
