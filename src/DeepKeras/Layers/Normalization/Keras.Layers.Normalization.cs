using DeepKeras.Initializers;
using L = DeepKeras.Layers;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Layers
    {
        /// <summary>Creates a <see cref="L.BatchNormalization"/> layer.</summary>
        /// <param name="axis">The feature axis (default −1).</param>
        /// <param name="momentum">Momentum of the moving statistics (default 0.99).</param>
        /// <param name="epsilon">Added to the variance (default 1e-3).</param>
        /// <param name="center">Whether to learn beta.</param>
        /// <param name="scale">Whether to learn gamma.</param>
        /// <param name="betaInitializer">Beta initializer (default zeros).</param>
        /// <param name="gammaInitializer">Gamma initializer (default ones).</param>
        /// <param name="movingMeanInitializer">Moving-mean initializer (default zeros).</param>
        /// <param name="movingVarianceInitializer">Moving-variance initializer (default ones).</param>
        /// <param name="synchronized">Under data-parallel training, use the moments of all processes' samples.</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        public static L.BatchNormalization BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3,
            bool center = true, bool scale = true, Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
            Initializer? movingMeanInitializer = null, Initializer? movingVarianceInitializer = null, bool synchronized = false,
            Shape? inputShape = null, string? name = null) =>
            new(axis, momentum, epsilon, center, scale, betaInitializer, gammaInitializer, movingMeanInitializer,
                movingVarianceInitializer, synchronized, inputShape, name);

        /// <summary>Creates a <see cref="L.LayerNormalization"/> layer.</summary>
        /// <param name="axis">The axis to normalize over (default −1).</param>
        /// <param name="epsilon">Added to the variance (default 1e-3).</param>
        /// <param name="center">Whether to learn beta.</param>
        /// <param name="scale">Whether to learn gamma.</param>
        /// <param name="betaInitializer">Beta initializer (default zeros).</param>
        /// <param name="gammaInitializer">Gamma initializer (default ones).</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        public static L.LayerNormalization LayerNormalization(int axis = -1, double epsilon = 1e-3, bool center = true,
            bool scale = true, Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
            Shape? inputShape = null, string? name = null) =>
            new(axis, epsilon, center, scale, betaInitializer, gammaInitializer, inputShape, name);
    }
}
