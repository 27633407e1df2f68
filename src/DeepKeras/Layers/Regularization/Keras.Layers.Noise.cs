using L = DeepKeras.Layers;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Layers
    {
        /// <summary>Creates a <see cref="L.GaussianNoise"/> layer (adds N(0, stddev²) noise in training).</summary>
        /// <param name="stddev">Standard deviation of the noise, in [0, 1].</param>
        /// <param name="seed">Seed of the layer's own generator, or null for the global one.</param>
        /// <param name="name">Layer name.</param>
        public static L.GaussianNoise GaussianNoise(double stddev, int? seed = null, string? name = null) => new(stddev, seed, name);

        /// <summary>Creates a <see cref="L.GaussianDropout"/> layer (multiplies by N(1, rate/(1−rate)) noise in training).</summary>
        /// <param name="rate">Drop probability, in [0, 1).</param>
        /// <param name="seed">Seed of the layer's own generator, or null for the global one.</param>
        /// <param name="name">Layer name.</param>
        public static L.GaussianDropout GaussianDropout(double rate, int? seed = null, string? name = null) => new(rate, seed, name);
    }
}
