using DeepKeras.Constraints;
using DeepKeras.Layers;

namespace DeepKeras;

public static partial class Keras
{
    /// <summary>
    /// Weight constraints (Keras <c>keras.constraints</c>): <c>Constraints.MaxNorm(3)</c>, <c>Constraints.Get("non_neg")</c>.
    /// The optimizer applies a weight's constraint right after each update of that weight.
    /// </summary>
    public static class Constraints
    {
        /// <summary>Resolves a constraint name (<c>max_norm</c>, <c>MaxNorm</c>, …); see <see cref="Constraint.Get"/>.</summary>
        /// <param name="identifier">The name.</param>
        /// <returns>A new constraint with its default arguments.</returns>
        public static Constraint Get(string identifier) => Constraint.Get(identifier);

        /// <summary>Creates a <see cref="DeepKeras.Constraints.MaxNorm"/> constraint.</summary>
        /// <param name="maxValue">The largest norm allowed (default 2).</param>
        /// <param name="axis">The axis or axes of the norm (default 0).</param>
        public static MaxNorm MaxNorm(double maxValue = 2, IntTuple? axis = null) => new(maxValue, axis);

        /// <summary>Creates a <see cref="DeepKeras.Constraints.MinMaxNorm"/> constraint.</summary>
        /// <param name="minValue">The smallest norm (default 0).</param>
        /// <param name="maxValue">The largest norm (default 1).</param>
        /// <param name="rate">Enforcement rate (default 1).</param>
        /// <param name="axis">The axis or axes of the norm (default 0).</param>
        public static MinMaxNorm MinMaxNorm(double minValue = 0.0, double maxValue = 1.0, double rate = 1.0, IntTuple? axis = null) =>
            new(minValue, maxValue, rate, axis);

        /// <summary>Creates a <see cref="DeepKeras.Constraints.NonNeg"/> constraint.</summary>
        public static NonNeg NonNeg() => new();

        /// <summary>Creates a <see cref="DeepKeras.Constraints.UnitNorm"/> constraint.</summary>
        /// <param name="axis">The axis or axes of the norm (default 0).</param>
        public static UnitNorm UnitNorm(IntTuple? axis = null) => new(axis);
    }
}
