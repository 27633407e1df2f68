using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Ops
    {
        /// <summary>
        /// Sums over the given axes (Keras <c>ops.sum</c>). bool, uint8, int8 and int16 sums are int32; other dtypes
        /// keep theirs. <c>Sum(x, axis: 0)</c> sums axis 0 only (unlike TorchSharp's <c>x.sum(0)</c>, which sums everything).
        /// </summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">An axis, several axes (<c>(1, 2)</c>) or null (default) for all; negative axes count from the end.</param>
        /// <param name="keepdims">Whether the reduced axes stay with size 1.</param>
        /// <exception cref="ArgumentException">An axis out of range or repeated.</exception>
        public static Tensor Sum(Tensor x, Axis? axis = null, bool keepdims = false)
        {
            if (axis is { Count: 0 })
            {
                return x;
            }

            var dtype = x.dtype is ScalarType.Bool or ScalarType.Byte or ScalarType.Int8 or ScalarType.Int16 ? ScalarType.Int32 : x.dtype;
            var axes = OpArgs.Axes(axis, x.dim(), "Ops.Sum");
            return OpArgs.Cast(axis is null && !keepdims ? x.sum() : x.sum(axes, keepdims), dtype);
        }

        /// <summary>
        /// Averages over the given axes (Keras <c>ops.mean</c>). Integer and bool inputs give float32; float inputs keep
        /// their dtype (computed in float32 at least, as Keras does).
        /// </summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">An axis, several axes or null (default) for all.</param>
        /// <param name="keepdims">Whether the reduced axes stay with size 1.</param>
        /// <exception cref="ArgumentException">An axis out of range or repeated.</exception>
        public static Tensor Mean(Tensor x, Axis? axis = null, bool keepdims = false)
        {
            if (axis is { Count: 0 })
            {
                return x;
            }

            var compute = KerasDtypes.ToTorch(KerasDtypes.ResultType((Dtype(x), false), ("float32", false)), "Ops.Mean");
            var result = KerasDtypes.IsIntegerOrBool(x.dtype) ? compute : x.dtype;
            var axes = OpArgs.Axes(axis, x.dim(), "Ops.Mean");
            return OpArgs.Cast(OpArgs.Cast(x, compute).mean(axes, keepdims), result);
        }

        /// <summary>The largest value over the given axes (Keras <c>ops.max</c>): values, not indices; the dtype is kept.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">An axis, several axes or null (default) for all.</param>
        /// <param name="keepdims">Whether the reduced axes stay with size 1.</param>
        /// <param name="initial">A value the result may not fall below; also the result for an empty tensor.</param>
        /// <exception cref="ArgumentException">An axis out of range, or an empty tensor without <paramref name="initial"/>.</exception>
        public static Tensor Max(Tensor x, Axis? axis = null, bool keepdims = false, double? initial = null) =>
            Extreme(x, axis, keepdims, initial, "Ops.Max", "max", (t, axes, k) => t.amax(axes, k), maximum);

        /// <summary>The smallest value over the given axes (Keras <c>ops.min</c>): values, not indices; the dtype is kept.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">An axis, several axes or null (default) for all.</param>
        /// <param name="keepdims">Whether the reduced axes stay with size 1.</param>
        /// <param name="initial">A value the result may not exceed; also the result for an empty tensor.</param>
        /// <exception cref="ArgumentException">An axis out of range, or an empty tensor without <paramref name="initial"/>.</exception>
        public static Tensor Min(Tensor x, Axis? axis = null, bool keepdims = false, double? initial = null) =>
            Extreme(x, axis, keepdims, initial, "Ops.Min", "min", (t, axes, k) => t.amin(axes, k), minimum);

        /// <summary>
        /// The product over the given axes (Keras <c>ops.prod</c>). bool and 8/16-bit integers give int32; int64 and
        /// float64 give int32 and float32 as on Keras's torch backend.
        /// </summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">An axis, several axes or null (default) for all.</param>
        /// <param name="keepdims">Whether the reduced axes stay with size 1.</param>
        /// <param name="dtype">An optional Keras dtype for the result.</param>
        /// <exception cref="ArgumentException">An axis out of range or an unknown dtype.</exception>
        public static Tensor Prod(Tensor x, Axis? axis = null, bool keepdims = false, string? dtype = null)
        {
            var name = dtype is null ? KerasDtypes.ResultType((Dtype(x), false)) : KerasDtypes.Standardize(dtype, "Ops.Prod");
            var type = name is "bool" or "uint8" or "int8" or "int16" ? ScalarType.Int32 : KerasDtypes.ToTorch(name, "Ops.Prod");
            var axes = OpArgs.Axes(axis, x.dim(), "Ops.Prod");
            return OpArgs.Reduce(x, axes, keepdims, t => t.prod(-1, false, type));
        }

        /// <summary>The population standard deviation (no Bessel correction, as numpy) over the given axes (Keras <c>ops.std</c>).</summary>
        /// <param name="x">The tensor; integer and bool inputs give float32.</param>
        /// <param name="axis">An axis, several axes or null (default) for all.</param>
        /// <param name="keepdims">Whether the reduced axes stay with size 1.</param>
        /// <exception cref="ArgumentException">An axis out of range or repeated.</exception>
        public static Tensor Std(Tensor x, Axis? axis = null, bool keepdims = false)
        {
            var axes = OpArgs.Axes(axis, x.dim(), "Ops.Std");
            var t = KerasDtypes.IsIntegerOrBool(x.dtype) ? x.to(ScalarType.Float32) : x;
            return t.std(axes, unbiased: false, keepdim: keepdims);
        }

        /// <summary>
        /// The population variance (no Bessel correction) over the given axes (Keras <c>ops.var</c>); the result is float32
        /// unless the input is float16/bfloat16.
        /// </summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">An axis, several axes or null (default) for all.</param>
        /// <param name="keepdims">Whether the reduced axes stay with size 1.</param>
        /// <exception cref="ArgumentException">An axis out of range or repeated.</exception>
        public static Tensor Var(Tensor x, Axis? axis = null, bool keepdims = false)
        {
            var result = KerasDtypes.ToTorch(KerasDtypes.ResultType((Dtype(x), false), ("float", true)), "Ops.Var");
            if (axis is { Count: 0 })
            {
                return zeros_like(x, result);
            }

            var compute = KerasDtypes.ToTorch(KerasDtypes.ResultType((Dtype(x), false), ("float32", false)), "Ops.Var");
            var axes = OpArgs.Axes(axis, x.dim(), "Ops.Var");
            return OpArgs.Cast(OpArgs.Cast(x, compute).var(axes, unbiased: false, keepdim: keepdims), result);
        }

        /// <summary>Whether any element is true (non-zero) over the given axes (Keras <c>ops.any</c>); a bool tensor.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">An axis, several axes or null (default) for all.</param>
        /// <param name="keepdims">Whether the reduced axes stay with size 1.</param>
        /// <exception cref="ArgumentException">An axis out of range or repeated.</exception>
        public static Tensor Any(Tensor x, Axis? axis = null, bool keepdims = false) =>
            axis is { Count: 0 }
                ? OpArgs.Cast(x, ScalarType.Bool)
                : OpArgs.Reduce(x, OpArgs.Axes(axis, x.dim(), "Ops.Any"), keepdims, t => t.any(-1));

        /// <summary>Whether every element is true (non-zero) over the given axes (Keras <c>ops.all</c>); a bool tensor.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">An axis, several axes or null (default) for all.</param>
        /// <param name="keepdims">Whether the reduced axes stay with size 1.</param>
        /// <exception cref="ArgumentException">An axis out of range or repeated.</exception>
        public static Tensor All(Tensor x, Axis? axis = null, bool keepdims = false) =>
            axis is { Count: 0 }
                ? OpArgs.Cast(x, ScalarType.Bool)
                : OpArgs.Reduce(x, OpArgs.Axes(axis, x.dim(), "Ops.All"), keepdims, t => t.all(-1));

        /// <summary>The index of the largest value along an axis (Keras <c>ops.argmax</c>), as int32; the first index wins ties.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">The axis, or null (default) for the index into the flattened tensor.</param>
        /// <param name="keepdims">Whether the reduced axis stays with size 1.</param>
        /// <exception cref="ArgumentException">An axis out of range.</exception>
        public static Tensor Argmax(Tensor x, int? axis = null, bool keepdims = false) =>
            ArgExtreme(x, axis, keepdims, "Ops.Argmax", (t, d, k) => t.argmax(d, k));

        /// <summary>The index of the smallest value along an axis (Keras <c>ops.argmin</c>), as int32; the first index wins ties.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">The axis, or null (default) for the index into the flattened tensor.</param>
        /// <param name="keepdims">Whether the reduced axis stays with size 1.</param>
        /// <exception cref="ArgumentException">An axis out of range.</exception>
        public static Tensor Argmin(Tensor x, int? axis = null, bool keepdims = false) =>
            ArgExtreme(x, axis, keepdims, "Ops.Argmin", (t, d, k) => t.argmin(d, k));

        /// <summary>
        /// The running sum along an axis (Keras <c>ops.cumsum</c>). bool sums are int32; as on Keras's torch backend
        /// int64 and float64 give int32 and float32.
        /// </summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">The axis, or null (default) to run over the flattened tensor.</param>
        /// <param name="dtype">An optional Keras dtype for the result.</param>
        /// <exception cref="ArgumentException">An axis out of range or an unknown dtype.</exception>
        public static Tensor Cumsum(Tensor x, int? axis = null, string? dtype = null) =>
            Running(x, axis, dtype, "Ops.Cumsum", (t, d, type) => t.cumsum(d, type));

        /// <summary>The running product along an axis (Keras <c>ops.cumprod</c>), with the dtypes of <see cref="Cumsum"/>.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="axis">The axis, or null (default) to run over the flattened tensor.</param>
        /// <param name="dtype">An optional Keras dtype for the result.</param>
        /// <exception cref="ArgumentException">An axis out of range or an unknown dtype.</exception>
        public static Tensor Cumprod(Tensor x, int? axis = null, string? dtype = null) =>
            Running(x, axis, dtype, "Ops.Cumprod", (t, d, type) => t.cumprod(d, type));

        private static Tensor Extreme(Tensor x, Axis? axis, bool keepdims, double? initial, string op, string what,
            Func<Tensor, long[], bool, Tensor> reduce, Func<Tensor, Tensor, Tensor> combine)
        {
            var axes = OpArgs.Axes(axis, x.dim(), op);
            if (x.numel() == 0)
            {
                if (initial is not { } init)
                {
                    throw new ArgumentException($"{op}: cannot compute the {what} of an empty tensor (shape {Shape(x)}). Pass `initial`.", nameof(x));
                }

                return full(keepdims ? x.shape.Select(_ => 1L).ToArray() : [], init, x.dtype, x.device);
            }

            var result = axis is null && !keepdims ? (what == "max" ? x.max() : x.min()) : reduce(x, axes, keepdims);
            return initial is { } bound ? combine(result, full_like(result, bound)) : result;
        }

        private static Tensor ArgExtreme(Tensor x, int? axis, bool keepdims, string op, Func<Tensor, long, bool, Tensor> arg)
        {
            var t = x.dtype == ScalarType.Bool ? x.to(ScalarType.Byte) : x;
            Tensor index;
            if (axis is { } a)
            {
                index = arg(t, OpArgs.One(a, t.dim(), op), keepdims);
            }
            else
            {
                index = arg(t.reshape(-1), 0, false);
                if (keepdims)
                {
                    index = index.reshape(t.shape.Select(_ => 1L).ToArray());
                }
            }

            return index.to(ScalarType.Int32);
        }

        private static Tensor Running(Tensor x, int? axis, string? dtype, string op, Func<Tensor, long, ScalarType, Tensor> run)
        {
            var t = axis is null ? x.reshape(-1) : x;
            var dim = OpArgs.One(axis ?? 0, t.dim(), op);
            var name = KerasDtypes.ResultType((dtype is null ? Dtype(x) : KerasDtypes.Standardize(dtype, op), false));
            return run(t, dim, name == "bool" ? ScalarType.Int32 : KerasDtypes.ToTorch(name, op));
        }
    }
}
