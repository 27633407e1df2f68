using DeepKeras.Backend;
using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Ops
    {
        /// <summary>
        /// The 2-norm of the flattened tensor, or along the given axes (Keras <c>ops.norm</c> with <c>ord=None</c>):
        /// the Euclidean norm over one axis, the Frobenius norm over two.
        /// </summary>
        /// <param name="x">The tensor; the result is float32 unless it is float16/bfloat16.</param>
        /// <param name="axis">One or two axes, or null (default) for the whole tensor.</param>
        /// <param name="keepdims">Whether the reduced axes stay with size 1.</param>
        /// <exception cref="ArgumentException">An axis out of range, or more than two axes.</exception>
        public static Tensor Norm(Tensor x, Axis? axis = null, bool keepdims = false)
        {
            var t = NormInput(x);
            var dims = NormAxes(t, axis);
            return dims is null ? linalg.norm(t, null, keepdims) : linalg.norm(t, dims, keepdims);
        }

        /// <summary>
        /// A vector or matrix norm of a given order (Keras <c>ops.norm(x, ord)</c>): over one axis
        /// <c>sum(|x|^ord)^(1/ord)</c> (<c>ord</c> may be ±infinity, or 0 for the count of non-zeros); over two axes the
        /// matrix norm of order 1, −1, 2, −2 or ±infinity. Without axes <paramref name="x"/> must be 1-D or 2-D.
        /// </summary>
        /// <param name="x">The tensor.</param>
        /// <param name="ord">The order.</param>
        /// <param name="axis">One or two axes, or null for a 1-D or 2-D tensor.</param>
        /// <param name="keepdims">Whether the reduced axes stay with size 1.</param>
        /// <exception cref="ArgumentException">An order the axes do not allow, or a tensor that is not 1-D/2-D without axes.</exception>
        public static Tensor Norm(Tensor x, double ord, Axis? axis = null, bool keepdims = false)
        {
            var t = NormInput(x);
            var dims = NormAxes(t, axis) ?? (t.dim() is 1 or 2
                ? Enumerable.Range(0, (int)t.dim()).Select(i => (long)i).ToArray()
                : throw new ArgumentException($"Ops.Norm: without `axis`, ord={ord} needs a 1-D or 2-D tensor. Received: shape {Shape(x)}", nameof(x)));
            if (dims.Length == 2 && ord is not (1 or -1 or 2 or -2 or double.PositiveInfinity or double.NegativeInfinity))
            {
                throw new ArgumentException($"Ops.Norm: invalid matrix norm order. Expected 1, -1, 2, -2, inf, -inf, 'fro' or 'nuc'. Received: ord={ord}", nameof(ord));
            }

            return dims.Length == 1 ? linalg.vector_norm(t, ord, dims, keepdims) : linalg.matrix_norm(t, ord, dims, keepdims);
        }

        /// <summary>
        /// The Frobenius (<c>"fro"</c>) or nuclear (<c>"nuc"</c>) norm of matrices (Keras <c>ops.norm(x, ord="fro")</c>).
        /// </summary>
        /// <param name="x">The tensor.</param>
        /// <param name="ord"><c>"fro"</c> or <c>"nuc"</c>.</param>
        /// <param name="axis">Two axes, or null for a 2-D tensor.</param>
        /// <param name="keepdims">Whether the reduced axes stay with size 1.</param>
        /// <exception cref="ArgumentException">Another order name, or not two axes.</exception>
        public static Tensor Norm(Tensor x, string ord, Axis? axis = null, bool keepdims = false)
        {
            var t = NormInput(x);
            var dims = NormAxes(t, axis) ?? (t.dim() == 2 ? [0L, 1L] : []);
            if (ord is not ("fro" or "nuc") || dims.Length != 2)
            {
                throw new ArgumentException(
                    $"Ops.Norm: ord='{ord}' needs 'fro' or 'nuc' and two axes (or a 2-D tensor). Received: ord={ord}, shape {Shape(x)}, axis={axis}", nameof(ord));
            }

            return linalg.matrix_norm(t, ord, dims, keepdims);
        }

        private static Tensor NormInput(Tensor x) => OpArgs.Cast(x, x.dtype == ScalarType.Int64
            ? ScalarType.Float32
            : KerasDtypes.ToTorch(KerasDtypes.ResultType((Dtype(x), false), ("float", true)), "Ops.Norm"));

        private static long[]? NormAxes(Tensor x, Axis? axis)
        {
            if (axis is null)
            {
                return null;
            }

            var dims = OpArgs.Axes(axis, x.dim(), "Ops.Norm");
            return dims.Length is 1 or 2
                ? dims
                : throw new ArgumentException($"Ops.Norm: `axis` must be one or two axes. Received: axis={axis}", nameof(axis));
        }
    }
}
