using L = DeepKeras.Layers;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Layers
    {
        /// <summary>Creates a <see cref="L.SpatialDropout2D"/> layer (drops whole channels in training).</summary>
        /// <param name="rate">Fraction of channels to drop, in [0, 1).</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="seed">Seed (kept for signature compatibility).</param>
        /// <param name="name">Layer name.</param>
        public static L.SpatialDropout2D SpatialDropout2D(double rate, string? dataFormat = null, int? seed = null, string? name = null) =>
            new(rate, dataFormat, seed, name);
    }
}
