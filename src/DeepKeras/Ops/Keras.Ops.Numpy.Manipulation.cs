using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Ops
    {
        /// <summary>Gives a tensor a new shape with the same number of elements (Keras <c>ops.reshape</c>); one size may be −1 (inferred).</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="newshape">The new sizes, e.g. <c>Reshape(x, 2, -1)</c>.</param>
        /// <exception cref="ArgumentException">The sizes do not hold the tensor's elements, or more than one is −1.</exception>
        public static Tensor Reshape(Tensor x, params long[] newshape)
        {
            var known = newshape.Where(d => d != -1).Aggregate(1L, (n, d) => n * d);
            var inferred = newshape.Count(d => d == -1);
            var n = x.numel();
            if (newshape.Any(d => d < -1) || inferred > 1 || (inferred == 0 ? known != n : known == 0 || n % known != 0))
            {
                throw new ArgumentException(
                    $"Ops.Reshape: cannot reshape a tensor of shape {Shape(x)} ({n} elements) into shape ({string.Join(", ", newshape)}). " +
                    "Expected sizes whose product is the element count, with at most one -1.", nameof(newshape));
            }

            return x.reshape(newshape);
        }

        /// <summary>Gives a tensor a new two-dimensional shape, e.g. <c>Reshape(x, (-1, 2))</c> (Keras <c>ops.reshape</c>).</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="newshape">The new sizes; one may be −1.</param>
        /// <exception cref="ArgumentException">The sizes do not hold the tensor's elements.</exception>
        public static Tensor Reshape(Tensor x, (int, int) newshape) => Reshape(x, newshape.Item1, newshape.Item2);

        /// <summary>Gives a tensor a new three-dimensional shape, e.g. <c>Reshape(x, (2, 3, -1))</c> (Keras <c>ops.reshape</c>).</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="newshape">The new sizes; one may be −1.</param>
        /// <exception cref="ArgumentException">The sizes do not hold the tensor's elements.</exception>
        public static Tensor Reshape(Tensor x, (int, int, int) newshape) => Reshape(x, newshape.Item1, newshape.Item2, newshape.Item3);

        /// <summary>Gives a tensor a new four-dimensional shape (Keras <c>ops.reshape</c>).</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="newshape">The new sizes; one may be −1.</param>
        /// <exception cref="ArgumentException">The sizes do not hold the tensor's elements.</exception>
        public static Tensor Reshape(Tensor x, (int, int, int, int) newshape) =>
            Reshape(x, newshape.Item1, newshape.Item2, newshape.Item3, newshape.Item4);

        /// <summary>Permutes the axes (Keras <c>ops.transpose</c>); without <paramref name="axes"/> their order is reversed.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axes">The new order of the axes, a permutation of <c>0 … rank−1</c> (negative axes allowed).</param>
        /// <exception cref="ArgumentException"><paramref name="axes"/> is not a permutation of the axes.</exception>
        public static Tensor Transpose(Tensor x, params int[]? axes)
        {
            var rank = x.dim();
            if (axes is null || axes.Length == 0)
            {
                return x.permute(Enumerable.Range(0, (int)rank).Reverse().Select(i => (long)i).ToArray());
            }

            if (axes.Length != rank)
            {
                throw new ArgumentException(
                    $"Ops.Transpose: `axes` must list each of the {rank} axes once. Received: axes=({string.Join(", ", axes)}) for shape {Shape(x)}",
                    nameof(axes));
            }

            return x.permute(OpArgs.Axes(axes, rank, "Ops.Transpose", "axes"));
        }

        /// <summary>Joins tensors along an existing axis (Keras <c>ops.concatenate</c>); dtypes promote.</summary>
        /// <param name="xs">The tensors: the same shape except along <paramref name="axis"/>.</param>
        /// <param name="axis">The axis (default 0).</param>
        /// <exception cref="ArgumentException">No tensors, ranks or other sizes differ, or the axis is out of range.</exception>
        public static Tensor Concatenate(IReadOnlyList<Tensor> xs, int axis = 0)
        {
            var dim = CheckJoin(xs, axis, "Ops.Concatenate", stacking: false);
            return cat(xs.ToArray(), dim);
        }

        /// <summary>Joins tensors of one shape along a new axis (Keras <c>ops.stack</c>).</summary>
        /// <param name="x">The tensors, all of one shape.</param>
        /// <param name="axis">The position of the new axis in the result (default 0).</param>
        /// <exception cref="ArgumentException">No tensors, shapes differ, or the axis is out of range.</exception>
        public static Tensor Stack(IReadOnlyList<Tensor> x, int axis = 0)
        {
            var dim = CheckJoin(x, axis, "Ops.Stack", stacking: true);
            return stack(x.ToArray(), dim);
        }

        /// <summary>Inserts axes of size 1 (Keras <c>ops.expand_dims</c>); axes refer to positions in the result.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">One or several positions, e.g. <c>-1</c> or <c>(0, -1)</c>.</param>
        /// <exception cref="ArgumentException">A position out of range for the result's rank.</exception>
        public static Tensor ExpandDims(Tensor x, Axis axis)
        {
            var axes = OpArgs.Axes(axis, x.dim() + axis.Count, "Ops.ExpandDims");
            foreach (var a in axes.Order())
            {
                x = x.unsqueeze(a);
            }

            return x;
        }

        /// <summary>Removes axes of size 1 (Keras <c>ops.squeeze</c>): the given ones, or every one when <paramref name="axis"/> is null.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">The axes to remove, or null (default) for all size-1 axes.</param>
        /// <exception cref="ArgumentException">A given axis is out of range or its size is not 1.</exception>
        public static Tensor Squeeze(Tensor x, Axis? axis = null)
        {
            if (axis is null)
            {
                return x.squeeze();
            }

            var axes = OpArgs.Axes(axis, x.dim(), "Ops.Squeeze");
            if (axes.FirstOrDefault(a => x.shape[a] != 1, -1) is var bad and >= 0)
            {
                throw new ArgumentException(
                    $"Ops.Squeeze: cannot squeeze axis {bad}, whose size is {x.shape[bad]} (shape {Shape(x)}). Expected axes of size 1. Received: axis={axis}",
                    nameof(axis));
            }

            return x.reshape(x.shape.Where((_, i) => !axes.Contains(i)).ToArray());
        }

        /// <summary>
        /// Repeats the whole tensor along each axis (Keras <c>ops.tile</c>); with fewer repeats than axes the leading axes
        /// repeat once, with more the tensor gains leading axes.
        /// </summary>
        /// <param name="x">The tensor.</param>
        /// <param name="repeats">The number of copies per axis, each at least 0.</param>
        /// <exception cref="ArgumentException">A negative repeat count.</exception>
        public static Tensor Tile(Tensor x, params int[] repeats)
        {
            if (repeats.Any(r => r < 0))
            {
                throw new ArgumentException($"Ops.Tile: repeats must be non-negative. Received: repeats=({string.Join(", ", repeats)})", nameof(repeats));
            }

            return x.tile(repeats.Select(r => (long)r).ToArray());
        }

        /// <summary>Repeats each element (Keras <c>ops.repeat</c>): along <paramref name="axis"/>, or over the flattened tensor when it is null.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="repeats">How many times each element appears, at least 0.</param>
        /// <param name="axis">The axis, or null (default) to flatten first.</param>
        /// <exception cref="ArgumentException">A negative count or an axis out of range.</exception>
        public static Tensor Repeat(Tensor x, int repeats, int? axis = null)
        {
            if (repeats < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(repeats), repeats, $"Ops.Repeat: repeats must be non-negative. Received: repeats={repeats}");
            }

            return axis is { } a
                ? x.repeat_interleave(repeats, OpArgs.One(a, x.dim(), "Ops.Repeat"))
                : x.reshape(-1).repeat_interleave(repeats, 0);
        }

        /// <summary>Broadcasts a tensor to a shape (Keras <c>ops.broadcast_to</c>) without copying.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="shape">The target shape; each size of <paramref name="x"/> must equal it or be 1.</param>
        /// <exception cref="ArgumentException">The shapes are not compatible.</exception>
        public static Tensor BroadcastTo(Tensor x, DeepKeras.Shape shape)
        {
            var target = shape.ToLongArray();
            var s = x.shape;
            if (s.Length > target.Length || Enumerable.Range(1, s.Length).Any(i => s[^i] != 1 && s[^i] != target[^i]))
            {
                throw new ArgumentException($"Ops.BroadcastTo: cannot broadcast shape {Shape(x)} to {shape}.", nameof(shape));
            }

            return x.broadcast_to(target);
        }

        private static long CheckJoin(IReadOnlyList<Tensor> xs, int axis, string op, bool stacking)
        {
            if (xs.Count == 0)
            {
                throw new ArgumentException($"{op}: expected at least one tensor. Received: an empty list");
            }

            var rank = xs[0].dim();
            var dim = OpArgs.One(axis, stacking ? rank + 1 : rank, op);
            for (var i = 1; i < xs.Count; i++)
            {
                var s = xs[i].shape;
                var mismatch = s.Length != rank || Enumerable.Range(0, (int)rank).Any(d => (stacking || d != dim) && s[d] != xs[0].shape[d]);
                if (mismatch)
                {
                    throw new ArgumentException(
                        $"{op}: tensor {i} has shape {Shape(xs[i])}, incompatible with tensor 0's shape {Shape(xs[0])}" +
                        (stacking ? "; all tensors must have one shape." : $"; all sizes except along axis {axis} must match."));
                }
            }

            return dim;
        }
    }
}
