using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Random
    {
        /// <summary>
        /// Shuffles a tensor along an axis (Keras <c>keras.random.shuffle</c>): for axis 0 the rows are permuted; for a
        /// later axis each slice before it gets its own permutation, as on Keras's torch backend.
        /// </summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">The axis (default 0).</param>
        /// <param name="seed">An int, a <see cref="SeedGenerator"/> or null for the global generator.</param>
        /// <exception cref="ArgumentException">The axis is out of range.</exception>
        public static Tensor Shuffle(Tensor x, int axis = 0, SeedGenerator? seed = null)
        {
            var dim = OpArgs.One(axis, x.dim(), "Random.Shuffle");
            var device = x.device;
            var keys = rand(x.shape.Take((int)dim + 1).ToArray(), ScalarType.Float32, device, generator: (seed ?? Global).GeneratorFor(device));
            var order = keys.argsort(dim);
            for (var i = dim + 1; i < x.dim(); i++)
            {
                order = order.unsqueeze(-1);
            }

            return x.gather(dim, order.expand(x.shape));
        }
    }
}
