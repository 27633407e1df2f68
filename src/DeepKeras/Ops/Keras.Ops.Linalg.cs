using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Ops
    {
        /// <summary>
        /// A vector or matrix norm (Keras <c>ops.norm</c>, numpy's <c>linalg.norm</c>). Without <paramref name="ord"/> it
        /// is the 2-norm of the flattened tensor, or along the given axes (Euclidean over one axis, Frobenius over two).
        /// Over one axis <c>ord</c> gives <c>sum(|x|^ord)^(1/ord)</c> (±infinity: the largest/smallest |x|; 0: the count of
        /// non-zeros); over two axes the matrix norm of order 1, −1, 2, −2, ±infinity, <c>"fro"</c> or <c>"nuc"</c>. With an
        /// order and no axes, <paramref name="x"/> must be 1-D or 2-D.
        /// </summary>
        /// <param name="x">The tensor; the result is float32 unless it is float16/bfloat16.</param>
        /// <param name="ord">The order: a number or <c>"fro"</c>/<c>"nuc"</c>; null (default) as described above.</param>
        /// <param name="axis">One or two axes, or null (default).</param>
        /// <param name="keepdims">Whether the reduced axes stay with size 1.</param>
        /// <exception cref="ArgumentException">
        /// An order the axes do not allow, more than two axes, or an order without axes on a tensor that is not 1-D/2-D.
        /// </exception>
        /// <example><code>var rowNorms = Ops.Norm(x, axis: 1); var maxAbs = Ops.Norm(v, double.PositiveInfinity);</code></example>
        public static Tensor Norm(Tensor x, NormOrder? ord = null, Axis? axis = null, bool keepdims = false)
        {
            var t = OpArgs.Cast(x, x.dtype == ScalarType.Int64
                ? ScalarType.Float32
                : KerasDtypes.ToTorch(KerasDtypes.ResultType((Dtype(x), false), ("float", true)), "Ops.Norm"));
            var dims = axis is null ? null : OpArgs.Axes(axis, t.dim(), "Ops.Norm");
            if (dims is { Length: not (1 or 2) })
            {
                throw new ArgumentException($"Ops.Norm: `axis` must be one or two axes. Received: axis={axis}", nameof(axis));
            }

            if (ord is not { } order)
            {
                return dims is null ? linalg.norm(t, null, keepdims) : linalg.norm(t, dims, keepdims);
            }

            dims ??= t.dim() is 1 or 2
                ? Enumerable.Range(0, (int)t.dim()).Select(i => (long)i).ToArray()
                : throw new ArgumentException($"Ops.Norm: ord={order} without `axis` needs a 1-D or 2-D tensor. Received: shape {Shape(x)}", nameof(x));
            var valid = dims.Length == 1
                ? order.Number is not null
                : order.Name is "fro" or "nuc" || order.Number is 1 or -1 or 2 or -2 or double.PositiveInfinity or double.NegativeInfinity;
            if (!valid)
            {
                throw new ArgumentException(
                    $"Ops.Norm: invalid order for a {(dims.Length == 1 ? "vector" : "matrix")} norm. Expected " +
                    (dims.Length == 1 ? "a number" : "1, -1, 2, -2, inf, -inf, 'fro' or 'nuc'") + $". Received: ord={order}", nameof(ord));
            }

            return dims.Length == 1 ? linalg.vector_norm(t, order.Number!.Value, dims, keepdims)
                : order.Name is { } name ? linalg.matrix_norm(t, name, dims, keepdims)
                : linalg.matrix_norm(t, order.Number!.Value, dims, keepdims);
        }
    }
}
