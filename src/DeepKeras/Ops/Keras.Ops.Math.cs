using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Ops
    {
        /// <summary>
        /// <c>log(sum(exp(x)))</c> over the given axes, computed without overflow (Keras <c>ops.logsumexp</c>); integer
        /// inputs give float32.
        /// </summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">An axis, several axes or null (default) for all.</param>
        /// <param name="keepdims">Whether the reduced axes stay with size 1.</param>
        /// <exception cref="ArgumentException">An axis out of range or repeated.</exception>
        public static Tensor Logsumexp(Tensor x, Axis? axis = null, bool keepdims = false) =>
            OpArgs.Reduce(FloatInput(x), OpArgs.Axes(axis, x.dim(), "Ops.Logsumexp"), keepdims, t => t.logsumexp(-1));

        /// <summary>
        /// The <paramref name="k"/> largest values along the last axis and their indices (Keras <c>ops.top_k</c>); the
        /// indices are int64 as on Keras's torch backend.
        /// </summary>
        /// <param name="x">A tensor of rank 1 or more.</param>
        /// <param name="k">How many values, between 0 and the size of the last axis.</param>
        /// <param name="sorted">Whether the values come largest first (default true).</param>
        /// <exception cref="ArgumentException"><paramref name="k"/> is out of range, or <paramref name="x"/> is 0-dimensional.</exception>
        public static (Tensor Values, Tensor Indices) TopK(Tensor x, int k, bool sorted = true)
        {
            if (x.dim() == 0 || k < 0 || k > x.shape[^1])
            {
                throw new ArgumentOutOfRangeException(nameof(k), k,
                    $"Ops.TopK: k must be in [0, {(x.dim() == 0 ? 0 : x.shape[^1])}] (the size of the last axis of shape {Shape(x)}). Received: k={k}");
            }

            var (values, indices) = x.topk(k, -1, largest: true, sorted: sorted);
            return (values, indices);
        }
    }
}
