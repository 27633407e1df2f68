using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Random
    {
        /// <summary>
        /// A source of random draws that advances with each call (Keras <c>keras.random.SeedGenerator</c>). Pass it as the
        /// <c>seed</c> of <see cref="Normal"/>, <see cref="Uniform"/>, <see cref="Dropout"/>, … or keep one in a layer's
        /// field so that every call draws new values while the whole sequence is fixed by the seed.
        /// </summary>
        /// <remarks>
        /// With a seed it owns one torch generator per device and, as Keras's torch backend does, seeds it for the k-th
        /// draw (k = 0, 1, …) with <c>seed + k</c> as a 32-bit unsigned value: its draws do not depend on (or disturb) the
        /// global state, and its whole sequence equals Keras's from <c>SeedGenerator(seed)</c>. Without a seed it draws
        /// from torch's global generator, which <see cref="Utils.SetRandomSeed"/> seeds. An <c>int</c> converts implicitly
        /// to a new generator, which is why an int <c>seed</c> gives the same values on every call.
        /// </remarks>
        /// <example><code>
        /// var seedGenerator = new Keras.Random.SeedGenerator(1337);
        /// var a = Keras.Random.Normal((2, 3), seed: seedGenerator);
        /// var b = Keras.Random.Normal((2, 3), seed: seedGenerator);   // different values, same on every run
        /// </code></example>
        /// <param name="seed">The seed, or null (default) for torch's global generator.</param>
        public sealed class SeedGenerator(int? seed = null)
        {
            private readonly Dictionary<(DeviceType Type, int Index), torch.Generator> _generators = [];
            private long _draws;

            /// <summary>Gets the seed given at construction (null: the global generator).</summary>
            public int? Seed => seed;

            /// <summary>A new generator seeded with <paramref name="seed"/>: the same draws on every call that receives it.</summary>
            /// <param name="seed">The seed.</param>
            public static implicit operator SeedGenerator(int seed) => new(seed);

            /// <summary>
            /// This generator's torch generator for a device, seeded for the next draw, or null for the global one. Call it
            /// once per draw: each call advances the sequence.
            /// </summary>
            internal torch.Generator? GeneratorFor(torch.Device device)
            {
                if (seed is not { } s)
                {
                    return null;
                }

                var key = (device.type, device.index < 0 ? 0 : device.index);
                if (!_generators.TryGetValue(key, out var g))
                {
                    Backend.EnsureInitialized();
                    g = new torch.Generator(0, device);
                    _generators[key] = g;
                }

                // Keras's SeedGenerator.next() returns the state (seed, k) and advances k; its torch backend seeds a fresh
                // generator with (seed + k) & 0xFFFFFFFF for that draw.
                g.manual_seed(unchecked((uint)(s + _draws)));
                _draws++;
                return g;
            }

            /// <summary>Draws N(mean, stddev²) values (torch's <c>normal</c>, as Keras's torch backend).</summary>
            internal Tensor Normal(long[] shape, double mean, double stddev, ScalarType dtype, torch.Device device)
            {
                // TorchSharp's normal(mean, std, shape) is randn·std + mean; the same steps, with the operands freed.
                using var s = new ScalarScope();
                return randn(shape, dtype, device, generator: GeneratorFor(device)).mul(s.Of(stddev)).add(s.Of(mean), ScalarScope.One);
            }

            /// <summary>Draws U[0, 1) values.</summary>
            internal Tensor Uniform(long[] shape, ScalarType dtype, torch.Device device) =>
                rand(shape, dtype, device, generator: GeneratorFor(device));
        }
    }
}
