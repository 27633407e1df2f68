using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;

namespace DeepKeras;

public static partial class Applications
{
    /// <summary>
    /// The VGG family (<c>keras/src/applications/vgg16.py</c>, <c>vgg19.py</c>): five blocks of 3×3 "same" ReLU
    /// convolutions (64, 128, 256, 512, 512 filters; <paramref name="convsPerBlock"/> of them), each closed by a 2×2 max
    /// pooling, then <c>Flatten → fc1 → fc2 → predictions</c> with the top.
    /// </summary>
    /// <param name="convsPerBlock">Convolutions in each of the five blocks.</param>
    /// <param name="includeTop">Whether to add the three dense layers.</param>
    /// <param name="weights">null, <c>imagenet</c> or the path of a weights file.</param>
    /// <param name="inputTensor">The caller's image tensor, or null.</param>
    /// <param name="inputShape">The input shape without the batch axis, or null.</param>
    /// <param name="pooling">Without the top: null, <c>avg</c> or <c>max</c>.</param>
    /// <param name="classes">Units of the classifier.</param>
    /// <param name="classifierActivation">Activation of the classifier.</param>
    /// <param name="name">The model name.</param>
    /// <param name="imagenetFile">Finds (or downloads) the ImageNet weights file.</param>
    private static Functional Vgg(int[] convsPerBlock, bool includeTop, string? weights, KerasTensor? inputTensor, Shape? inputShape,
        string? pooling, int classes, string? classifierActivation, string name, Func<string> imagenetFile)
    {
        var (shape, activation) = ImagenetModel.CheckArguments(includeTop, weights, inputTensor, inputShape, pooling, classes,
            classifierActivation, defaultSize: 224, minSize: 32);

        // Resolve (or fail to download) the ImageNet file before allocating over a hundred million parameters.
        var weightsPath = weights == "imagenet" ? imagenetFile() : weights;
        var imgInput = ImagenetModel.ImageInput(shape, inputTensor);
        var x = imgInput;
        int[] filters = [64, 128, 256, 512, 512];
        for (var block = 1; block <= filters.Length; block++)
        {
            for (var i = 1; i <= convsPerBlock[block - 1]; i++)
            {
                x = new Conv2D(filters[block - 1], (3, 3), activation: "relu", padding: "same", name: $"block{block}_conv{i}").Apply(x);
            }

            x = new MaxPooling2D((2, 2), strides: (2, 2), name: $"block{block}_pool").Apply(x);
        }

        if (includeTop)
        {
            x = new Flatten(name: "flatten").Apply(x);
            x = new Dense(4096, activation: "relu", name: "fc1").Apply(x);
            x = new Dense(4096, activation: "relu", name: "fc2").Apply(x);
            x = new Dense(classes, activation: activation, name: "predictions").Apply(x);
        }
        else if (ImagenetUtils.PoolingLayer(pooling) is { } pool)
        {
            x = pool.Apply(x);
        }

        return ImagenetModel.Create(imgInput, inputTensor, x, name, weightsPath);
    }
}
