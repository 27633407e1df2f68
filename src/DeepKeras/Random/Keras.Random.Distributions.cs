using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    /// <summary>
    /// Random tensors (Keras <c>keras.random</c>): samples from distributions, dropout and shuffling on the backend
    /// device. The <c>seed</c> of each function is an <c>int</c> (the same values on every call; they equal Keras's torch
    /// backend's for that seed), a <see cref="SeedGenerator"/> (new values on every call, a sequence fixed by its seed) or
    /// null (torch's global generator, seeded by <see cref="Utils.SetRandomSeed"/>).
    /// </summary>
    /// <example><code>
    /// var seedGenerator = new Keras.Random.SeedGenerator(1337);
    /// var epsilon = Keras.Random.Normal((batch, latentDim), seed: seedGenerator);
    /// var z = zMean + Keras.Ops.Exp(0.5 * zLogVar) * epsilon;
    /// </code></example>
    public static partial class Random
    {
        /// <summary>Draws from a normal (Gaussian) distribution (Keras <c>keras.random.normal</c>).</summary>
        /// <param name="shape">The shape of the result.</param>
        /// <param name="mean">The mean (default 0).</param>
        /// <param name="stddev">The standard deviation (default 1).</param>
        /// <param name="dtype">A floating Keras dtype; float32 when null.</param>
        /// <param name="seed">An int, a <see cref="SeedGenerator"/> or null for the global generator.</param>
        /// <exception cref="ArgumentException">A non-float dtype or an unknown size.</exception>
        public static Tensor Normal(DeepKeras.Shape shape, double mean = 0.0, double stddev = 1.0, string? dtype = null, SeedGenerator? seed = null) =>
            (seed ?? Global).Normal(Sizes(shape, "Random.Normal"), mean, stddev, FloatType(dtype, "Random.Normal"), Backend.TorchDevice);

        /// <summary>
        /// Draws from the uniform distribution on [<paramref name="minval"/>, <paramref name="maxval"/>) (Keras
        /// <c>keras.random.uniform</c>).
        /// </summary>
        /// <param name="shape">The shape of the result.</param>
        /// <param name="minval">The lower bound, included (default 0).</param>
        /// <param name="maxval">The upper bound, excluded (default 1).</param>
        /// <param name="dtype">A floating Keras dtype; float32 when null.</param>
        /// <param name="seed">An int, a <see cref="SeedGenerator"/> or null for the global generator.</param>
        /// <exception cref="ArgumentException">A non-float dtype or an unknown size.</exception>
        public static Tensor Uniform(DeepKeras.Shape shape, double minval = 0.0, double maxval = 1.0, string? dtype = null, SeedGenerator? seed = null)
        {
            var u = (seed ?? Global).Uniform(Sizes(shape, "Random.Uniform"), FloatType(dtype, "Random.Uniform"), Backend.TorchDevice);
            return u.mul_(maxval - minval).add_(minval);
        }

        /// <summary>
        /// Draws from a normal distribution truncated to two standard deviations around the mean (Keras
        /// <c>keras.random.truncated_normal</c>): values farther out are redrawn.
        /// </summary>
        /// <param name="shape">The shape of the result.</param>
        /// <param name="mean">The mean (default 0).</param>
        /// <param name="stddev">The standard deviation before truncation (default 1).</param>
        /// <param name="dtype">A floating Keras dtype; float32 when null.</param>
        /// <param name="seed">An int, a <see cref="SeedGenerator"/> or null for the global generator.</param>
        /// <exception cref="ArgumentException">A non-float dtype or an unknown size.</exception>
        public static Tensor TruncatedNormal(DeepKeras.Shape shape, double mean = 0.0, double stddev = 1.0, string? dtype = null,
            SeedGenerator? seed = null)
        {
            // Keras's torch backend: four candidates per value, the first inside (−2, 2) is kept.
            var sizes = Sizes(shape, "Random.TruncatedNormal");
            var candidates = (seed ?? Global).Normal([.. sizes, 4], 0, 1, FloatType(dtype, "Random.TruncatedNormal"), Backend.TorchDevice);
            var first = candidates.gt(-2).logical_and(candidates.lt(2)).max(-1, keepdim: true).indexes;
            return candidates.gather(-1, first).squeeze(-1).mul_(stddev).add_(mean);
        }

        /// <summary>Draws integers uniformly from [<paramref name="minval"/>, <paramref name="maxval"/>) (Keras <c>keras.random.randint</c>).</summary>
        /// <param name="shape">The shape of the result.</param>
        /// <param name="minval">The lower bound, included.</param>
        /// <param name="maxval">The upper bound, excluded; greater than <paramref name="minval"/>.</param>
        /// <param name="dtype">An integer Keras dtype (default int32).</param>
        /// <param name="seed">An int, a <see cref="SeedGenerator"/> or null for the global generator.</param>
        /// <exception cref="ArgumentException">An empty range, a non-integer dtype or an unknown size.</exception>
        public static Tensor Randint(DeepKeras.Shape shape, long minval, long maxval, string dtype = "int32", SeedGenerator? seed = null)
        {
            var type = KerasDtypes.ToTorch(dtype, "Random.Randint");
            if (!KerasDtypes.IsInteger(type))
            {
                throw new ArgumentException($"Random.Randint requires an integer `dtype`. Received: dtype={dtype}", nameof(dtype));
            }

            if (maxval <= minval)
            {
                throw new ArgumentException($"Random.Randint needs minval < maxval. Received: minval={minval}, maxval={maxval}", nameof(maxval));
            }

            var device = Backend.TorchDevice;
            return randint(minval, maxval, Sizes(shape, "Random.Randint"), type, device, generator: (seed ?? Global).GeneratorFor(device));
        }

        /// <summary>
        /// Draws class ids from categorical distributions given by logits (Keras <c>keras.random.categorical</c>):
        /// <paramref name="numSamples"/> ids per row, with replacement.
        /// </summary>
        /// <param name="logits">Unnormalized log-probabilities of shape <c>(batch, classes)</c>.</param>
        /// <param name="numSamples">The number of draws per row.</param>
        /// <param name="dtype">An integer Keras dtype (default int32).</param>
        /// <param name="seed">An int, a <see cref="SeedGenerator"/> or null for the global generator.</param>
        /// <returns>A tensor of shape <c>(batch, numSamples)</c>.</returns>
        /// <exception cref="ArgumentException"><paramref name="logits"/> is not 2-D, or a non-integer dtype.</exception>
        public static Tensor Categorical(Tensor logits, int numSamples, string dtype = "int32", SeedGenerator? seed = null)
        {
            if (logits.dim() != 2)
            {
                throw new ArgumentException(
                    $"Random.Categorical: `logits` must be a 2-D tensor of shape (batch_size, num_classes). Received: shape {(DeepKeras.Shape)logits.shape}",
                    nameof(logits));
            }

            var type = KerasDtypes.ToTorch(dtype, "Random.Categorical");
            var device = Backend.TorchDevice;
            var probs = logits.to(device).to(ScalarType.Float32).softmax(-1);
            return probs.multinomial(numSamples, replacement: true, generator: (seed ?? Global).GeneratorFor(device)).to(type);
        }

        // The unseeded generator: torch's global one, which SetRandomSeed seeds.
        private static SeedGenerator Global { get; } = new();

        private static long[] Sizes(DeepKeras.Shape shape, string op) => shape.IsFullyDefined
            ? shape.ToLongArray()
            : throw new ArgumentException($"{op}: every size of the shape must be known. Received: shape={shape}", nameof(shape));

        private static ScalarType FloatType(string? dtype, string op)
        {
            var type = KerasDtypes.ToTorch(dtype ?? "float32", op);
            return type is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64
                ? type
                : throw new ArgumentException($"{op} requires a floating point `dtype`. Received: dtype={dtype}", nameof(dtype));
        }
    }
}
