using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Random
    {
        /// <summary>
        /// Sets a random fraction <paramref name="rate"/> of the inputs to 0 and scales the rest by <c>1 / (1 − rate)</c>
        /// (Keras <c>keras.random.dropout</c>), so the expected sum is unchanged. It always drops: call it only in training.
        /// </summary>
        /// <param name="inputs">The tensor.</param>
        /// <param name="rate">The fraction to drop, in [0, 1]; 1 gives zeros.</param>
        /// <param name="noiseShape">
        /// The shape of the keep/drop mask, broadcast over the inputs (a size of 1 shares one decision along that axis; an
        /// unknown size takes the input's), or null for one decision per element.
        /// </param>
        /// <param name="seed">An int, a <see cref="SeedGenerator"/> or null for the global generator.</param>
        /// <exception cref="ArgumentException"><paramref name="rate"/> is outside [0, 1], or the noise shape does not broadcast.</exception>
        public static Tensor Dropout(Tensor inputs, double rate, DeepKeras.Shape? noiseShape = null, SeedGenerator? seed = null)
        {
            if (rate is < 0 or > 1 || double.IsNaN(rate))
            {
                throw new ArgumentOutOfRangeException(nameof(rate), rate,
                    $"Random.Dropout: invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate={rate}");
            }

            if (rate == 1)
            {
                return zeros_like(inputs);
            }

            if (rate == 0)
            {
                return inputs;
            }

            var generator = seed ?? Global;
            if (generator.Seed is null && noiseShape is null)
            {
                return nn.functional.dropout(inputs, rate, true);
            }

            using var keep = (1 - rate).ToScalar();
            var mask = bernoulli(full(MaskShape(inputs, noiseShape), keep, device: inputs.device), generator.GeneratorFor(inputs.device));
            return where(mask.to(ScalarType.Bool).broadcast_to(inputs.shape), inputs.div(keep), zeros_like(inputs));
        }

        private static long[] MaskShape(Tensor inputs, DeepKeras.Shape? noiseShape)
        {
            if (noiseShape is not { } s)
            {
                return inputs.shape;
            }

            var dims = s.ToArray();
            var shape = inputs.shape;
            var offset = shape.Length - dims.Length;
            var mask = dims.Select((d, i) => (long)(d ?? (i + offset >= 0 ? (int)shape[i + offset] : 1))).ToArray();
            if (offset < 0 || mask.Select((d, i) => d == 1 || d == shape[i + offset]).Contains(false))
            {
                throw new ArgumentException(
                    $"Random.Dropout: noiseShape {s} does not broadcast to the input shape {(DeepKeras.Shape)shape}. " +
                    "Expected each size to be 1 or the input's.",
                    nameof(noiseShape));
            }

            return mask;
        }
    }
}
