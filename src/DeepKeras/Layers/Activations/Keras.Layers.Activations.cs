using DeepKeras.Initializers;
using DeepKeras.Regularizers;
using L = DeepKeras.Layers;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Layers
    {
        /// <summary>Creates a <see cref="L.LeakyReLU"/> layer.</summary>
        /// <param name="negativeSlope">Slope for negative inputs, ≥ 0 (default 0.3).</param>
        /// <param name="name">Layer name.</param>
        public static L.LeakyReLU LeakyReLU(double negativeSlope = 0.3, string? name = null) => new(negativeSlope, name);

        /// <summary>Creates a <see cref="L.PReLU"/> layer.</summary>
        /// <param name="alphaInitializer">Initializer of alpha (default <c>"zeros"</c>).</param>
        /// <param name="alphaRegularizer">Penalty on alpha, or null.</param>
        /// <param name="sharedAxes">Axes (1-based) along which alpha is shared, or null.</param>
        /// <param name="name">Layer name.</param>
        public static L.PReLU PReLU(Initializer? alphaInitializer = null, Regularizer? alphaRegularizer = null,
            IReadOnlyList<int>? sharedAxes = null, string? name = null) => new(alphaInitializer, alphaRegularizer, sharedAxes, name);
    }
}
