using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Ops
    {
        /// <summary>
        /// Picks <paramref name="x1"/> where <paramref name="condition"/> is true and <paramref name="x2"/> elsewhere,
        /// with broadcasting (Keras <c>ops.where</c>); the dtypes promote, C# scalars acting as Python scalars.
        /// </summary>
        /// <param name="condition">The condition (non-zero is true).</param>
        /// <param name="x1">The values where it is true.</param>
        /// <param name="x2">The values where it is false.</param>
        /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
        /// <example><code>var clipped = Ops.Where(Ops.Greater(x, 0), x, 0f);</code></example>
        public static Tensor Where(Tensor condition, Tensor x1, Tensor x2)
        {
            CheckBroadcast(x1, x2, "Ops.Where");
            CheckBroadcast(condition, x1, "Ops.Where");
            CheckBroadcast(condition, x2, "Ops.Where");
            var (a, b) = OpArgs.Operands(x1, x2);
            return where(OpArgs.Cast(condition, ScalarType.Bool), a, b);
        }

        /// <summary>
        /// The indices where <paramref name="condition"/> is true (Keras <c>ops.where</c> with one argument, as on its
        /// torch backend): an int64 tensor of shape <c>(rank, count)</c> whose row <c>i</c> holds the indices along axis <c>i</c>.
        /// </summary>
        /// <param name="condition">The condition (non-zero is true).</param>
        public static Tensor Where(Tensor condition) => OpArgs.Cast(condition, ScalarType.Bool).nonzero().t();

        /// <summary>
        /// Limits the values to [<paramref name="xMin"/>, <paramref name="xMax"/>] (Keras <c>ops.clip</c>). bool inputs
        /// become int32; a float bound makes an integer tensor float32.
        /// </summary>
        /// <param name="x">The tensor.</param>
        /// <param name="xMin">The lower bound (a scalar or a tensor that broadcasts).</param>
        /// <param name="xMax">The upper bound.</param>
        public static Tensor Clip(Tensor x, Tensor xMin, Tensor xMax)
        {
            var t = x.dtype == ScalarType.Bool ? x.to(ScalarType.Int32) : x;
            var (lo, hi) = (OpArgs.Scalar(xMin, t), OpArgs.Scalar(xMax, t));
            if (lo.dim() == 0 && hi.dim() == 0)
            {
                var dtype = KerasDtypes.IsIntegerOrBool(t.dtype) && (lo.is_floating_point() || hi.is_floating_point())
                    ? (lo.is_floating_point() ? lo.dtype : hi.dtype)
                    : t.dtype;
                return OpArgs.Cast(t, dtype).clamp(ScalarOf(lo), ScalarOf(hi));
            }

            return minimum(maximum(t, lo), hi);
        }

        /// <summary>
        /// Splits a tensor along an axis into <paramref name="sections"/> equal parts (Keras <c>ops.split</c>).
        /// </summary>
        /// <param name="x">The tensor.</param>
        /// <param name="sections">The number of parts; it must divide the axis size.</param>
        /// <param name="axis">The axis (default 0).</param>
        /// <exception cref="ArgumentException">The axis size is not divisible by <paramref name="sections"/>, or the axis is out of range.</exception>
        public static Tensor[] Split(Tensor x, int sections, int axis = 0)
        {
            var dim = OpArgs.One(axis, x.dim(), "Ops.Split");
            var size = x.shape[dim];
            if (sections <= 0 || size % sections != 0)
            {
                throw new ArgumentException(
                    $"Ops.Split: x.shape[{axis}]={size} is not divisible by sections={sections}. Full input shape: {Shape(x)}", nameof(sections));
            }

            return size == 0 ? Enumerable.Range(0, sections).Select(_ => x.clone()).ToArray() : x.split(size / sections, (int)dim);
        }

        /// <summary>Splits a tensor along an axis before each of the given indices (Keras <c>ops.split</c> with a list).</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="indices">Ascending split points, e.g. <c>[1, 4]</c> gives <c>x[:1]</c>, <c>x[1:4]</c>, <c>x[4:]</c>.</param>
        /// <param name="axis">The axis (default 0).</param>
        /// <exception cref="ArgumentException">Indices out of order or outside the axis.</exception>
        public static Tensor[] Split(Tensor x, int[] indices, int axis = 0)
        {
            var dim = OpArgs.One(axis, x.dim(), "Ops.Split");
            var bounds = indices.Select(i => (long)i).Prepend(0).Append(x.shape[dim]).ToArray();
            if (bounds.Zip(bounds.Skip(1)).Any(p => p.Second < p.First))
            {
                throw new ArgumentException(
                    $"Ops.Split: indices must be ascending within [0, {x.shape[dim]}]. Received: indices=[{string.Join(", ", indices)}]", nameof(indices));
            }

            return x.split(bounds.Zip(bounds.Skip(1)).Select(p => p.Second - p.First).ToArray(), dim);
        }

        /// <summary>
        /// Gathers elements by index (Keras <c>ops.take</c>): along <paramref name="axis"/>, or from the flattened tensor
        /// when it is null. Negative indices count from the end; the result's shape has the indices' shape in place of the axis.
        /// </summary>
        /// <param name="x">The tensor.</param>
        /// <param name="indices">Integer indices of any shape.</param>
        /// <param name="axis">The axis, or null (default) for the flattened tensor.</param>
        /// <exception cref="ArgumentException">Non-integer or out-of-range indices, or an axis out of range.</exception>
        public static Tensor Take(Tensor x, Tensor indices, int? axis = null)
        {
            var source = axis is null ? x.reshape(-1) : x;
            var dim = OpArgs.One(axis ?? 0, source.dim(), "Ops.Take");
            var index = Indices(indices, source, dim, "Ops.Take");
            var taken = source.index_select(dim, index.reshape(-1));
            return taken.reshape([.. source.shape.Take((int)dim), .. index.shape, .. source.shape.Skip((int)dim + 1)]);
        }

        /// <summary>Gathers elements by index (Keras <c>ops.take</c>) with the indices as a .NET array.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="indices">The indices.</param>
        /// <param name="axis">The axis, or null (default) for the flattened tensor.</param>
        public static Tensor Take(Tensor x, int[] indices, int? axis = null) => Take(x, tensor(indices, device: x.device), axis);

        /// <summary>
        /// Picks one element per position along an axis (Keras <c>ops.take_along_axis</c>), e.g. with the indices of
        /// <see cref="Argsort"/>; <paramref name="indices"/> broadcasts against <paramref name="x"/> except along the axis.
        /// </summary>
        /// <param name="x">The tensor.</param>
        /// <param name="indices">Integer indices of the same rank as <paramref name="x"/>.</param>
        /// <param name="axis">The axis, or null to use the flattened tensor.</param>
        /// <exception cref="ArgumentException">Ranks differ, or indices are out of range.</exception>
        public static Tensor TakeAlongAxis(Tensor x, Tensor indices, int? axis = null)
        {
            var source = axis is null ? x.reshape(-1) : x;
            var index = axis is null ? indices.reshape(-1) : indices;
            if (index.dim() != source.dim())
            {
                throw new ArgumentException(
                    $"Ops.TakeAlongAxis: `indices` must have the rank of `x` ({source.dim()}). Received: indices shape {Shape(indices)}", nameof(indices));
            }

            var dim = OpArgs.One(axis ?? 0, source.dim(), "Ops.TakeAlongAxis");
            index = Indices(index, source, dim, "Ops.TakeAlongAxis");
            var shape = source.shape.Select((d, i) => i == dim ? index.shape[i] : Math.Max(d, index.shape[i])).ToArray();
            var srcShape = shape.Select((d, i) => i == dim ? source.shape[i] : d).ToArray();
            return source.broadcast_to(srcShape).gather(dim, index.broadcast_to(shape));
        }

        /// <summary>The values sorted ascending along an axis (Keras <c>ops.sort</c>).</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">The axis (default −1), or null to sort the flattened tensor.</param>
        /// <exception cref="ArgumentException">An axis out of range.</exception>
        public static Tensor Sort(Tensor x, int? axis = -1)
        {
            var t = axis is null ? x.reshape(-1) : x;
            return t.sort(OpArgs.One(axis ?? 0, t.dim(), "Ops.Sort")).Values;
        }

        /// <summary>The indices that sort a tensor along an axis, stable (Keras <c>ops.argsort</c>), as int32.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">The axis (default −1), or null to sort the flattened tensor.</param>
        /// <exception cref="ArgumentException">An axis out of range.</exception>
        public static Tensor Argsort(Tensor x, int? axis = -1)
        {
            var t = axis is null ? x.reshape(-1) : x;
            t = t.dtype == ScalarType.Bool ? t.to(ScalarType.Byte) : t;
            return t.sort(OpArgs.One(axis ?? 0, t.dim(), "Ops.Argsort"), stable: true).Indices.to(ScalarType.Int32);
        }

        // An integer bound stays an integer Scalar: a float Scalar would make torch promote an integer tensor to float.
        private static TorchSharp.Scalar ScalarOf(Tensor t) =>
            t.is_floating_point() ? t.to(ScalarType.Float64).item<double>() : (TorchSharp.Scalar)t.to(ScalarType.Int64).item<long>();

        // Integer indices into axis `dim` of `source`, on its device, with negative ones wrapped; out-of-range ones are an
        // error (torch would abort the op).
        private static Tensor Indices(Tensor indices, Tensor source, long dim, string op)
        {
            var size = source.shape[dim];
            if (!KerasDtypes.IsInteger(indices.dtype))
            {
                throw new ArgumentException($"{op}: indices must be integers. Received: dtype={Dtype(indices)}", nameof(indices));
            }

            var index = indices.to(ScalarType.Int64);
            index = where(index.lt(0), index + size, index);
            if (index.numel() > 0 && (index.min().item<long>() < 0 || index.max().item<long>() >= size))
            {
                throw new ArgumentException($"{op}: an index is out of range for an axis of size {size}. Expected indices in [{-size}, {size - 1}].",
                    nameof(indices));
            }

            return index.to(source.device);
        }
    }
}
