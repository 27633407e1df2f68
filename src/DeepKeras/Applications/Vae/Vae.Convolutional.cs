using DeepKeras.Layers;
using DeepKeras.Models;
using DenseLayer = DeepKeras.Layers.Dense;

namespace DeepKeras;

public static partial class Applications
{
    public partial class Vae
    {
        /// <summary>
        /// The convolutional VAE of keras-io <c>examples/generative/vae.py</c>: encoder
        /// <c>Conv2D(32, 3, strides 2, same, relu) → Conv2D(64, 3, strides 2, same, relu) → Flatten → Dense(16, relu) →
        /// z_mean, z_log_var → Sampling</c>; decoder <c>Dense(7·7·64, relu) → Reshape → Conv2DTranspose(64, 3, strides 2) →
        /// Conv2DTranspose(32, 3, strides 2) → Conv2DTranspose(channels, 3, sigmoid)</c>. For 28×28×1 images and
        /// latentDim 2: 69,076 encoder and 65,089 decoder parameters, as Keras's example.
        /// </summary>
        /// <param name="inputShape">Image shape (height, width, channels) (default (28, 28, 1)); height and width divisible by 2^filters.Count.</param>
        /// <param name="latentDim">Size of z (default 2).</param>
        /// <param name="filters">Filters of the stride-2 encoder convolutions (default [32, 64]); the decoder mirrors them.</param>
        /// <param name="denseUnits">Units of the encoder's Dense layer before z_mean/z_log_var (default 16).</param>
        /// <param name="seed">Seed of the sampling layer's own generator, or null for the global one.</param>
        /// <param name="name">The model name.</param>
        /// <returns>The built, uncompiled VAE.</returns>
        /// <exception cref="ArgumentException">The input is not (height, width, channels) or not divisible by 2^filters.Count.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A size is not positive or <paramref name="filters"/> is empty.</exception>
        public static Vae Convolutional(Shape? inputShape = null, int latentDim = 2, IReadOnlyList<int>? filters = null, int denseUnits = 16,
            int? seed = null, string? name = null)
        {
            var shape = inputShape ?? (28, 28, 1);
            filters ??= [32, 64];
            var vae = new Vae(ConvEncoder(shape, latentDim, filters, denseUnits, seed), ConvDecoder(shape, latentDim, filters), latentDim, name);
            vae.Build(shape.WithBatch());
            return vae;
        }

        /// <summary>The encoder of <see cref="Convolutional"/>: a functional model image → [z_mean, z_log_var, z].</summary>
        /// <param name="inputShape">Image shape (height, width, channels).</param>
        /// <param name="latentDim">Size of z.</param>
        /// <param name="filters">Filters of the stride-2 convolutions (relu, same padding).</param>
        /// <param name="denseUnits">Units of the Dense layer before z_mean/z_log_var.</param>
        /// <param name="seed">Seed of the sampling layer, or null.</param>
        /// <returns>The encoder, named <c>encoder</c>.</returns>
        public static Functional ConvEncoder(Shape inputShape, int latentDim, IReadOnlyList<int> filters, int denseUnits = 16, int? seed = null)
        {
            CheckConv(inputShape, latentDim, filters, denseUnits);
            var inputs = Keras.Input(inputShape);
            var h = inputs;
            foreach (var f in filters)
            {
                h = new Conv2D(f, (3, 3), strides: (2, 2), padding: "same", activation: "relu").Apply(h);
            }

            h = new Flatten().Apply(h);
            h = new DenseLayer(denseUnits, activation: "relu").Apply(h);
            return SamplingEncoder(inputs, h, latentDim, seed);
        }

        /// <summary>
        /// The decoder of <see cref="Convolutional"/>: z → Dense(h/2^k · w/2^k · filters[^1], relu) → Reshape → one
        /// stride-2 Conv2DTranspose(relu) per filter count in reverse order → Conv2DTranspose(channels, 3, sigmoid).
        /// </summary>
        /// <param name="outputShape">Image shape (height, width, channels).</param>
        /// <param name="latentDim">Size of z.</param>
        /// <param name="filters">The encoder's filters (used in reverse).</param>
        /// <returns>The decoder, named <c>decoder</c>.</returns>
        public static Sequential ConvDecoder(Shape outputShape, int latentDim, IReadOnlyList<int> filters)
        {
            CheckConv(outputShape, latentDim, filters, 1);
            var factor = 1 << filters.Count;
            int height = outputShape[0]!.Value / factor, width = outputShape[1]!.Value / factor;
            var layers = new List<Layer>
            {
                new InputLayer(latentDim),
                new DenseLayer(height * width * filters[^1], activation: "relu"),
                new Reshape((height, width, filters[^1])),
            };
            layers.AddRange(filters.Reverse().Select(f => new Conv2DTranspose(f, (3, 3), strides: (2, 2), padding: "same", activation: "relu")));
            layers.Add(new Conv2DTranspose(outputShape[2]!.Value, (3, 3), padding: "same", activation: "sigmoid"));
            return new Sequential(layers, "decoder");
        }

        private static void CheckConv(Shape shape, int latentDim, IReadOnlyList<int> filters, int denseUnits)
        {
            if (shape.Rank != 3 || !shape.IsFullyDefined || shape.ToArray().Any(d => d <= 0))
            {
                throw new ArgumentException(
                    $"Expected an image shape (height, width, channels) with positive sizes. Received: input_shape={shape}", nameof(shape));
            }

            CheckFilters(filters);

            if (latentDim <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(latentDim), latentDim, $"Expected a positive `latent_dim`. Received: latent_dim={latentDim}");
            }

            if (denseUnits <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(denseUnits), denseUnits, $"Expected positive `dense_units`. Received: dense_units={denseUnits}");
            }

            var factor = 1 << Math.Min(filters.Count, 30);
            if (shape[0] % factor != 0 || shape[1] % factor != 0)
            {
                throw new ArgumentException(
                    $"Expected the height and width to be divisible by {factor} (2^{filters.Count}: one stride-2 convolution per filter count). " +
                    $"Received: input_shape={shape}", nameof(shape));
            }
        }
    }
}
