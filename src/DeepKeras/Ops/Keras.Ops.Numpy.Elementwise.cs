using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Ops
    {
        /// <summary>The absolute value, element-wise (Keras <c>ops.abs</c>); the dtype is kept.</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Abs(Tensor x) => x.dtype == ScalarType.Bool ? x : x.abs();

        /// <summary>The absolute value, element-wise (Keras <c>ops.absolute</c>, the same as <see cref="Abs"/>).</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Absolute(Tensor x) => Abs(x);

        /// <summary>The negated values, element-wise (Keras <c>ops.negative</c>).</summary>
        /// <param name="x">The tensor; bool tensors are rejected (use <see cref="LogicalNot"/>).</param>
        /// <exception cref="ArgumentException"><paramref name="x"/> is a bool tensor.</exception>
        public static Tensor Negative(Tensor x) => x.dtype == ScalarType.Bool
            ? throw new ArgumentException("Ops.Negative does not accept a bool tensor; use Ops.LogicalNot. Received: dtype=bool", nameof(x))
            : x.neg();

        /// <summary>The square, element-wise (Keras <c>ops.square</c>); bool inputs give int32, other dtypes are kept.</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Square(Tensor x) => (x.dtype == ScalarType.Bool ? x.to(ScalarType.Int32) : x).square();

        /// <summary>The non-negative square root, element-wise (Keras <c>ops.sqrt</c>); integer inputs give float32.</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Sqrt(Tensor x) => FloatInput(x).sqrt();

        /// <summary>e to the power of each element (Keras <c>ops.exp</c>); integer and bool inputs give float32.</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Exp(Tensor x) => FloatInput(x).exp();

        /// <summary>The natural logarithm, element-wise (Keras <c>ops.log</c>); integer inputs give float32.</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Log(Tensor x) => FloatInput(x).log();

        /// <summary><c>log(1 + x)</c>, accurate for small <c>x</c> (Keras <c>ops.log1p</c>).</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Log1p(Tensor x) => FloatInput(x).log1p();

        /// <summary><c>exp(x) − 1</c>, accurate for small <c>x</c> (Keras <c>ops.expm1</c>).</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Expm1(Tensor x) => FloatInput(x).expm1();

        /// <summary>The hyperbolic tangent, element-wise (Keras <c>ops.tanh</c>).</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Tanh(Tensor x) => FloatInput(x).tanh();

        /// <summary>The sine, element-wise, of angles in radians (Keras <c>ops.sin</c>).</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Sin(Tensor x) => FloatInput(x).sin();

        /// <summary>The cosine, element-wise, of angles in radians (Keras <c>ops.cos</c>).</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Cos(Tensor x) => FloatInput(x).cos();

        /// <summary>−1, 0 or 1 by the sign of each element (Keras <c>ops.sign</c>); the dtype is kept.</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Sign(Tensor x) => x.sign();

        /// <summary>The largest integer not above each element, as a float tensor (Keras <c>ops.floor</c>; float64 gives float32).</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Floor(Tensor x) => RoundingInput(x).floor();

        /// <summary>The smallest integer not below each element, as a float tensor (Keras <c>ops.ceil</c>; float64 gives float32).</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Ceil(Tensor x) => RoundingInput(x).ceil();

        /// <summary>
        /// Rounds to the nearest value with <paramref name="decimals"/> decimals, halves to even (Keras <c>ops.round</c>); the
        /// dtype is kept.
        /// </summary>
        /// <param name="x">The tensor.</param>
        /// <param name="decimals">The number of decimals (default 0; negative rounds to tens, hundreds, …).</param>
        public static Tensor Round(Tensor x, int decimals = 0) => KerasDtypes.IsInteger(x.dtype)
            ? x.to(ScalarType.Float32).round(decimals).to(x.dtype)
            : x.round(decimals);

        /// <summary>The Gauss error function, element-wise (Keras <c>ops.erf</c>).</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Erf(Tensor x) => FloatInput(x).erf();

        /// <summary><c>1 / sqrt(x)</c>, element-wise (Keras <c>ops.rsqrt</c>).</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Rsqrt(Tensor x) => FloatInput(x).rsqrt();

        // Keras's float functions turn integer and bool inputs into floatx (float32); float inputs keep their dtype.
        private static Tensor FloatInput(Tensor x) => KerasDtypes.IsIntegerOrBool(x.dtype) ? x.to(ScalarType.Float32) : x;

        // Keras's floor/ceil: int64 → float32, else result_type(dtype, float), which narrows float64 to float32.
        private static Tensor RoundingInput(Tensor x) => OpArgs.Cast(x, x.dtype == ScalarType.Int64
            ? ScalarType.Float32
            : KerasDtypes.ToTorch(KerasDtypes.ResultType((Dtype(x), false), ("float", true)), "Ops.Floor"));
    }
}
