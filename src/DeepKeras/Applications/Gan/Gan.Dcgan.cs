using DeepKeras.Layers;
using DeepKeras.Models;
using DenseLayer = DeepKeras.Layers.Dense;

namespace DeepKeras;

public static partial class Applications
{
    public partial class Gan
    {
        /// <summary>
        /// A DCGAN (Radford et al.; keras-io <c>dcgan_overriding_train_step.py</c>) for small images:
        /// <see cref="DcganGenerator"/> (Dense → Reshape → stride-2 Conv2DTranspose, with BatchNormalization and
        /// LeakyReLU(0.2)) and <see cref="DcganDiscriminator"/> (stride-2 Conv2D with LeakyReLU(0.2), no BatchNormalization
        /// → Flatten → Dropout → Dense(1, sigmoid)).
        /// </summary>
        /// <param name="latentDim">Size of z (default 128, as Keras's example).</param>
        /// <param name="outputShape">Image shape (height, width, channels) (default (28, 28, 1)).</param>
        /// <param name="generatorFilters">Generator feature maps from the smallest resolution up (default [128, 64]); each entry doubles the size.</param>
        /// <param name="discriminatorFilters">Discriminator convolution filters (default [64, 128]); each halves the size.</param>
        /// <param name="dropout">Dropout before the discriminator's output (default 0.2, as Keras's example; 0 for none).</param>
        /// <param name="batchNormMomentum">Momentum of the generator's BatchNormalization layers (default 0.99, Keras's default).</param>
        /// <param name="seed">Seed of the GAN's own generator, or null for the global one.</param>
        /// <param name="name">The model name.</param>
        /// <returns>The uncompiled GAN.</returns>
        /// <example><code>
        /// var gan = Applications.Gan.Dcgan(latentDim: 64);
        /// gan.Compile(new Adam(2e-4, beta1: 0.5), new Adam(2e-4, beta1: 0.5), new BinaryCrossentropy());
        /// gan.Fit(xTrain, epochs: 10, batchSize: 128);
        /// </code></example>
        public static Gan Dcgan(int latentDim = 128, Shape? outputShape = null, IReadOnlyList<int>? generatorFilters = null,
            IReadOnlyList<int>? discriminatorFilters = null, double dropout = 0.2, double batchNormMomentum = 0.99, int? seed = null, string? name = null)
        {
            var shape = outputShape ?? (28, 28, 1);
            return new Gan(
                DcganDiscriminator(shape, discriminatorFilters ?? [64, 128], dropout),
                DcganGenerator(latentDim, shape, generatorFilters ?? [128, 64], batchNormMomentum),
                latentDim, seed, name);
        }

        /// <summary>
        /// The DCGAN generator: z → Dense(h₀·w₀·filters[0], no bias) → BatchNormalization → LeakyReLU(0.2) → Reshape(h₀, w₀,
        /// filters[0]); for each further entry f: Conv2DTranspose(f, 4, strides 2, same, no bias) → BatchNormalization →
        /// LeakyReLU(0.2); finally Conv2DTranspose(channels, 4, strides 2, same, sigmoid). h₀ = height / 2^filters.Count.
        /// </summary>
        /// <param name="latentDim">Size of z.</param>
        /// <param name="outputShape">Image shape (height, width, channels); height and width divisible by 2^filters.Count.</param>
        /// <param name="filters">Feature maps per resolution, from the smallest.</param>
        /// <param name="batchNormMomentum">Momentum of the BatchNormalization layers (default 0.99).</param>
        /// <returns>The generator, named <c>generator</c>.</returns>
        /// <exception cref="ArgumentException">The shape is not (height, width, channels) or not divisible by 2^filters.Count.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A size is not positive, <paramref name="filters"/> is empty or <paramref name="batchNormMomentum"/> is outside [0, 1].</exception>
        public static Sequential DcganGenerator(int latentDim, Shape outputShape, IReadOnlyList<int> filters, double batchNormMomentum = 0.99)
        {
            CheckImage(outputShape, filters);
            if (latentDim <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(latentDim), latentDim, $"Expected a positive `latent_dim`. Received: latent_dim={latentDim}");
            }

            var factor = 1 << filters.Count;
            int height = outputShape[0]!.Value / factor, width = outputShape[1]!.Value / factor;
            var layers = new List<Layer>
            {
                new InputLayer(latentDim),
                new DenseLayer(height * width * filters[0], useBias: false),
                new BatchNormalization(momentum: batchNormMomentum),
                new LeakyReLU(0.2),
                new Reshape((height, width, filters[0])),
            };
            foreach (var f in filters.Skip(1))
            {
                layers.Add(new Conv2DTranspose(f, (4, 4), strides: (2, 2), padding: "same", useBias: false));
                layers.Add(new BatchNormalization(momentum: batchNormMomentum));
                layers.Add(new LeakyReLU(0.2));
            }

            layers.Add(new Conv2DTranspose(outputShape[2]!.Value, (4, 4), strides: (2, 2), padding: "same", activation: "sigmoid"));
            return new Sequential(layers, "generator");
        }

        /// <summary>
        /// The DCGAN discriminator: per entry f a Conv2D(f, 4, strides 2, same) → LeakyReLU(0.2), then Flatten → [Dropout]
        /// → Dense(1, sigmoid).
        /// </summary>
        /// <remarks>
        /// Without BatchNormalization, as Keras's example: the training step shows D mixed batches (fake and real) but
        /// the generator's half shows it fake ones only, and batch statistics that differ between the two let G fool a
        /// batch-normalized D without producing better samples.
        /// </remarks>
        /// <param name="inputShape">Image shape (height, width, channels).</param>
        /// <param name="filters">Filters per stride-2 convolution.</param>
        /// <param name="dropout">Dropout rate before the output (0 for none).</param>
        /// <returns>The discriminator, named <c>discriminator</c>.</returns>
        /// <exception cref="ArgumentException">The shape is not (height, width, channels).</exception>
        /// <exception cref="ArgumentOutOfRangeException">A size is not positive, <paramref name="filters"/> is empty, or <paramref name="dropout"/> is outside [0, 1).</exception>
        public static Sequential DcganDiscriminator(Shape inputShape, IReadOnlyList<int> filters, double dropout = 0.2)
        {
            CheckImage(inputShape, filters, requireDivisible: false);
            Check(inputShape, filters, dropout);
            var layers = new List<Layer> { new InputLayer(inputShape) };
            foreach (var f in filters)
            {
                layers.Add(new Conv2D(f, (4, 4), strides: (2, 2), padding: "same"));
                layers.Add(new LeakyReLU(0.2));
            }

            layers.Add(new Flatten());
            if (dropout > 0)
            {
                layers.Add(new Dropout(dropout));
            }

            layers.Add(new DenseLayer(1, activation: "sigmoid"));
            return new Sequential(layers, "discriminator");
        }

        private static void CheckImage(Shape shape, IReadOnlyList<int> filters, bool requireDivisible = true)
        {
            if (shape.Rank != 3 || !shape.IsFullyDefined || shape.ToArray().Any(d => d <= 0))
            {
                throw new ArgumentException(
                    $"Expected an image shape (height, width, channels) with positive sizes. Received: shape={shape}", nameof(shape));
            }

            CheckFilters(filters);

            var factor = 1 << Math.Min(filters.Count, 30);
            if (requireDivisible && (shape[0] % factor != 0 || shape[1] % factor != 0))
            {
                throw new ArgumentException(
                    $"Expected the height and width to be divisible by {factor} (2^{filters.Count}: one stride-2 transposed convolution per filter count). " +
                    $"Received: shape={shape}", nameof(shape));
            }
        }
    }
}
