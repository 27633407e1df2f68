using L = DeepKeras.Layers;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Layers
    {
        /// <summary>Creates a <see cref="L.Sampling"/> layer (VAE reparameterization: z = mean + exp(0.5·logVar)·ε).</summary>
        /// <param name="seed">Seed of the layer's own generator for ε, or null for the global one.</param>
        /// <param name="name">Layer name.</param>
        public static L.Sampling Sampling(int? seed = null, string? name = null) => new(seed, name);
    }
}
