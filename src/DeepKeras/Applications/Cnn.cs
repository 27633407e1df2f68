using DeepKeras.Layers;
using DeepKeras.Models;

namespace DeepKeras;

public static partial class Applications
{
    /// <summary>
    /// Convolutional networks for small images (28×28 digits and clothes, 32×32 colour images): the Keras
    /// <c>mnist_convnet</c> tutorial model and a configurable VGG-style classifier with batch normalization.
    /// </summary>
    public static class Cnn
    {
        /// <summary>
        /// The Keras <c>mnist_convnet</c> tutorial model (keras-io <c>examples/vision/mnist_convnet.py</c>):
        /// <c>Conv2D(32, 3, relu) → MaxPooling2D(2) → Conv2D(64, 3, relu) → MaxPooling2D(2) → Flatten → Dropout(0.5) →
        /// Dense(classes, softmax)</c>. For 28×28×1 inputs and 10 classes: 320 + 18,496 + 16,010 = 34,826 parameters.
        /// </summary>
        /// <param name="inputShape">Image shape without the batch axis (default (28, 28, 1)); at least 10×10.</param>
        /// <param name="classes">Number of classes (default 10).</param>
        /// <param name="name">The model name (default <c>sequential</c>, <c>sequential_1</c>, …).</param>
        /// <returns>The built (not compiled) model with output shape (None, classes).</returns>
        /// <exception cref="ArgumentException">The input is not (height, width, channels) or is too small for two conv + pool stages.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is not positive.</exception>
        /// <example><code>
        /// var model = Applications.Cnn.MnistConvnet();
        /// model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        /// model.Fit(xTrain, yTrain, batchSize: 128, epochs: 15, validationSplit: 0.1);
        /// </code></example>
        public static Sequential MnistConvnet(Shape? inputShape = null, int classes = 10, string? name = null)
        {
            var shape = inputShape ?? (28, 28, 1);
            CheckImageShape(shape, blocks: 2, convsPerBlock: 1, same: false, kernelSize: 3);
            CheckPositive(classes, nameof(classes), "classes");
            return new Sequential(
                [
                    new InputLayer(shape),
                    new Conv2D(32, (3, 3), activation: "relu"),
                    new MaxPooling2D((2, 2)),
                    new Conv2D(64, (3, 3), activation: "relu"),
                    new MaxPooling2D((2, 2)),
                    new Flatten(),
                    new Dropout(0.5),
                    new Dense(classes, activation: "softmax"),
                ],
                name);
        }

        /// <summary>
        /// A VGG-style classifier for small images. For each entry of <paramref name="filters"/> one block of
        /// <paramref name="convsPerBlock"/> × <c>Conv2D(f, kernelSize, padding: "same")</c>, each followed by
        /// <c>BatchNormalization → Activation</c> (or the activation inside the convolution without batch norm), closed by
        /// <c>MaxPooling2D(2)</c> and <c>Dropout(dropout)</c>; then the head <c>Flatten → Dense(denseUnits, activation) →
        /// Dropout(denseDropout) → Dense(classes, softmax)</c>.
        /// </summary>
        /// <remarks>
        /// Convolutions followed by batch normalization have no bias (the normalization's beta replaces it), as usual in
        /// Keras models. Each block halves the height and width, so a 28×28 input with two blocks ends in 7×7 maps.
        /// examples/Cnn trains the defaults (two blocks of two 32- and 64-filter convolutions) on Fashion-MNIST.
        /// </remarks>
        /// <param name="inputShape">Image shape without the batch axis, e.g. (28, 28, 1) or (32, 32, 3).</param>
        /// <param name="classes">Number of classes.</param>
        /// <param name="filters">Filters of each block (default [32, 64]); one block per entry.</param>
        /// <param name="convsPerBlock">Convolutions per block (default 2).</param>
        /// <param name="batchNorm">Whether to put BatchNormalization after each convolution (default true).</param>
        /// <param name="dropout">Dropout rate after each block, in [0, 1) (default 0.25; 0 for none).</param>
        /// <param name="denseUnits">Units of the hidden dense layer of the head (default 128; 0 for none).</param>
        /// <param name="denseDropout">Dropout rate before the output layer, in [0, 1) (default 0.5; 0 for none).</param>
        /// <param name="kernelSize">Side of the square convolution window (default 3).</param>
        /// <param name="activation">Activation of the convolutions and the hidden dense layer (default <c>relu</c>).</param>
        /// <param name="name">The model name (default <c>sequential</c>, <c>sequential_1</c>, …).</param>
        /// <returns>The built (not compiled) model with output shape (None, classes).</returns>
        /// <exception cref="ArgumentException">The input is not (height, width, channels) or too small for the blocks, or <paramref name="filters"/> is empty.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or a dropout rate is outside [0, 1).</exception>
        /// <example><code>
        /// var model = Applications.Cnn.SmallImageClassifier((28, 28, 1), classes: 10);
        /// model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        /// model.Fit(xTrain, yTrain, batchSize: 128, epochs: 10, validationSplit: 0.1);
        /// </code></example>
        public static Sequential SmallImageClassifier(Shape inputShape, int classes, IReadOnlyList<int>? filters = null, int convsPerBlock = 2,
            bool batchNorm = true, double dropout = 0.25, int denseUnits = 128, double denseDropout = 0.5, int kernelSize = 3,
            string activation = "relu", string? name = null)
        {
            filters ??= [32, 64];
            if (filters.Count == 0)
            {
                throw new ArgumentException("Expected at least one block in `filters`. Received: filters=[]", nameof(filters));
            }

            if (filters.Any(f => f <= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(filters), filters.First(f => f <= 0),
                    $"Expected positive filters for every block. Received: filters=[{string.Join(", ", filters)}]");
            }

            CheckPositive(classes, nameof(classes), "classes");
            CheckPositive(convsPerBlock, nameof(convsPerBlock), "convs_per_block");
            CheckPositive(kernelSize, nameof(kernelSize), "kernel_size");
            if (denseUnits < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(denseUnits), denseUnits,
                    $"Expected `dense_units` ≥ 0 (0 for no hidden dense layer). Received: dense_units={denseUnits}");
            }

            CheckRate(dropout, nameof(dropout), "dropout");
            CheckRate(denseDropout, nameof(denseDropout), "dense_dropout");
            CheckImageShape(inputShape, filters.Count, convsPerBlock, same: true, kernelSize);
            var act = Activations.ActivationFunction.Get(activation);

            var layers = new List<Layer> { new InputLayer(inputShape) };
            foreach (var f in filters)
            {
                for (var i = 0; i < convsPerBlock; i++)
                {
                    if (batchNorm)
                    {
                        layers.Add(new Conv2D(f, kernelSize, padding: "same", useBias: false));
                        layers.Add(new BatchNormalization());
                        layers.Add(new Activation(act));
                    }
                    else
                    {
                        layers.Add(new Conv2D(f, kernelSize, padding: "same", activation: act));
                    }
                }

                layers.Add(new MaxPooling2D((2, 2)));
                if (dropout > 0)
                {
                    layers.Add(new Dropout(dropout));
                }
            }

            layers.Add(new Flatten());
            if (denseUnits > 0)
            {
                layers.Add(new Dense(denseUnits, activation: act));
            }

            if (denseDropout > 0)
            {
                layers.Add(new Dropout(denseDropout));
            }

            layers.Add(new Dense(classes, activation: "softmax"));
            return new Sequential(layers, name);
        }

        private static void CheckImageShape(Shape shape, int blocks, int convsPerBlock, bool same, int kernelSize)
        {
            if (shape.Rank != 3 || !shape.IsFullyDefined || shape.Dims.Any(d => d <= 0))
            {
                throw new ArgumentException(
                    $"Expected an image shape (height, width, channels) with positive sizes. Received: input_shape={shape}", "inputShape");
            }

            foreach (var axis in new[] { 0, 1 })
            {
                var n = shape[axis]!.Value;
                for (var b = 0; b < blocks && n > 0; b++)
                {
                    n = same ? n : n - (convsPerBlock * (kernelSize - 1));
                    n = n <= 0 ? 0 : n / 2;
                }

                if (n < 1)
                {
                    throw new ArgumentException(
                        $"The input is too small for {blocks} convolution + pooling blocks: the feature maps would vanish. Received: input_shape={shape}",
                        "inputShape");
                }
            }
        }

        private static void CheckPositive(int value, string paramName, string kerasName)
        {
            if (value <= 0)
            {
                throw new ArgumentOutOfRangeException(paramName, value, $"Expected a positive `{kerasName}`. Received: {kerasName}={value}");
            }
        }

        private static void CheckRate(double rate, string paramName, string kerasName)
        {
            if (rate is < 0 or >= 1 || double.IsNaN(rate))
            {
                throw new ArgumentOutOfRangeException(paramName, rate, $"Expected `{kerasName}` in [0, 1). Received: {kerasName}={rate}");
            }
        }
    }
}
