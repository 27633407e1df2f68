using DeepKeras.Layers;
using DeepKeras.Models;

namespace DeepKeras;

public static partial class Applications
{
    public partial class Autoencoder
    {
        /// <summary>
        /// A convolutional autoencoder (keras-io <c>examples/vision/autoencoder.py</c>): the encoder is one
        /// <c>Conv2D(f, 3, relu, same) → MaxPooling2D(2, same)</c> block per entry of <paramref name="filters"/>, the
        /// decoder one <c>Conv2DTranspose(f, 3, strides 2, relu, same)</c> per entry in reverse order, then
        /// <c>Conv2D(channels, 3, sigmoid, same)</c>. With the defaults on 28×28×1 images the code is 7×7×32 and the
        /// model has 28,353 parameters, as Keras's example. Pass <paramref name="noise"/> for a denoising autoencoder.
        /// </summary>
        /// <param name="inputShape">Image shape (height, width, channels) without the batch axis (default (28, 28, 1)); height and width must be divisible by 2^filters.Count.</param>
        /// <param name="filters">Filters per encoder block (default [32, 32]).</param>
        /// <param name="noise">Null (default) for a plain autoencoder, or a corruption kind as in <see cref="Denoising"/>: <c>gaussian</c>, <c>dropout</c>, <c>gaussian_dropout</c>.</param>
        /// <param name="noiseLevel">The standard deviation or rate of the corruption (default 0.4).</param>
        /// <param name="seed">Seed of the corruption's own generator, or null for the global one.</param>
        /// <param name="name">The model name.</param>
        /// <returns>The built, uncompiled autoencoder.</returns>
        /// <exception cref="ArgumentException">The input is not (height, width, channels), or its size is not divisible by 2^filters.Count; an unknown noise kind.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A filter count is not positive, or <paramref name="filters"/> is empty.</exception>
        /// <example><code>
        /// var ae = Applications.Autoencoder.Convolutional((28, 28, 1), noise: "gaussian", noiseLevel: 0.4);
        /// ae.Compile(optimizer: "adam", loss: "binary_crossentropy");
        /// ae.Fit(xTrain, epochs: 10, batchSize: 128);
        /// </code></example>
        public static Autoencoder Convolutional(Shape? inputShape = null, IReadOnlyList<int>? filters = null, string? noise = null,
            double noiseLevel = 0.4, int? seed = null, string? name = null)
        {
            var shape = inputShape ?? (28, 28, 1);
            filters ??= [32, 32];
            CheckConvolutional(shape, filters);
            var factor = 1 << filters.Count;
            int height = shape[0]!.Value, width = shape[1]!.Value, channels = shape[2]!.Value;

            var encoderLayers = new List<Layer> { new InputLayer(shape) };
            foreach (var f in filters)
            {
                encoderLayers.Add(new Conv2D(f, (3, 3), activation: "relu", padding: "same"));
                encoderLayers.Add(new MaxPooling2D((2, 2), padding: "same"));
            }

            var decoderLayers = new List<Layer> { new InputLayer((height / factor, width / factor, filters[^1])) };
            decoderLayers.AddRange(filters.Reverse().Select(f => new Conv2DTranspose(f, (3, 3), strides: (2, 2), activation: "relu", padding: "same")));
            decoderLayers.Add(new Conv2D(channels, (3, 3), activation: "sigmoid", padding: "same"));

            var corruption = noise is null ? null : CorruptionLayer(noise, noiseLevel, seed);
            var model = new Autoencoder(new Sequential(encoderLayers, "encoder"), new Sequential(decoderLayers, "decoder"), corruption, name);
            model.Build(shape.WithBatch());
            return model;
        }

        private static void CheckConvolutional(Shape shape, IReadOnlyList<int> filters)
        {
            if (shape.Rank != 3 || !shape.IsFullyDefined || shape.ToArray().Any(d => d <= 0))
            {
                throw new ArgumentException(
                    $"Expected `input_shape` (height, width, channels) with positive sizes. Received: input_shape={shape}", nameof(shape));
            }

            CheckFilters(filters);

            var factor = 1 << Math.Min(filters.Count, 30);
            if (shape[0] % factor != 0 || shape[1] % factor != 0)
            {
                throw new ArgumentException(
                    $"Expected the height and width of `input_shape` to be divisible by {factor} (2^{filters.Count}: one pooling per block, " +
                    $"undone by one stride-2 transposed convolution). Received: input_shape={shape}", nameof(shape));
            }
        }
    }
}
