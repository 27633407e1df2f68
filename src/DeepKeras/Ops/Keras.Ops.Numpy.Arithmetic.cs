using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Ops
    {
        /// <summary>
        /// <c>x1 + x2</c>, element-wise with broadcasting (Keras <c>ops.add</c>). A C# scalar acts as a Python scalar:
        /// <c>Add(int32Tensor, 0.5)</c> is float32, <c>Add(int32Tensor, 2)</c> int32.
        /// </summary>
        /// <param name="x1">The first operand.</param>
        /// <param name="x2">The second operand.</param>
        /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
        public static Tensor Add(Tensor x1, Tensor x2) => Binary(x1, x2, "Ops.Add", (a, b) => a.add(b));

        /// <summary><c>x1 − x2</c>, element-wise with broadcasting (Keras <c>ops.subtract</c>); a bool operand takes the other's dtype.</summary>
        /// <param name="x1">The first operand.</param>
        /// <param name="x2">The second operand.</param>
        /// <exception cref="ArgumentException">Both operands are bool, or the shapes do not broadcast.</exception>
        public static Tensor Subtract(Tensor x1, Tensor x2)
        {
            if (x1.dtype == ScalarType.Bool && x2.dtype == ScalarType.Bool)
            {
                throw new ArgumentException("Ops.Subtract does not subtract two bool tensors; use Ops.LogicalXor. Received: dtypes bool and bool");
            }

            return Binary(x1.dtype == ScalarType.Bool ? x1.to(x2.dtype) : x1, x2.dtype == ScalarType.Bool ? x2.to(x1.dtype) : x2,
                "Ops.Subtract", (a, b) => a.sub(b));
        }

        /// <summary><c>x1 · x2</c>, element-wise with broadcasting (Keras <c>ops.multiply</c>).</summary>
        /// <param name="x1">The first operand.</param>
        /// <param name="x2">The second operand.</param>
        /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
        public static Tensor Multiply(Tensor x1, Tensor x2) => Binary(x1, x2, "Ops.Multiply", (a, b) => a.mul(b));

        /// <summary><c>x1 / x2</c>, true division with broadcasting (Keras <c>ops.divide</c>); integer operands give float32.</summary>
        /// <param name="x1">The numerator.</param>
        /// <param name="x2">The denominator.</param>
        /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
        public static Tensor Divide(Tensor x1, Tensor x2) => Binary(x1, x2, "Ops.Divide", (a, b) => a.div(b));

        /// <summary>True division (Keras <c>ops.true_divide</c>, the same as <see cref="Divide"/>).</summary>
        /// <param name="x1">The numerator.</param>
        /// <param name="x2">The denominator.</param>
        public static Tensor TrueDivide(Tensor x1, Tensor x2) => Divide(x1, x2);

        /// <summary>The largest integer not above <c>x1 / x2</c> (Keras <c>ops.floor_divide</c>), in Keras's result dtype.</summary>
        /// <param name="x1">The numerator.</param>
        /// <param name="x2">The denominator.</param>
        /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
        public static Tensor FloorDivide(Tensor x1, Tensor x2) =>
            Promoted(x1, x2, "Ops.FloorDivide", (a, b) => a.div(b, RoundingMode.floor));

        /// <summary>The remainder of <c>x1 / x2</c> with the sign of <c>x2</c>, as numpy's <c>mod</c> (Keras <c>ops.mod</c>).</summary>
        /// <param name="x1">The numerator.</param>
        /// <param name="x2">The denominator.</param>
        /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
        public static Tensor Mod(Tensor x1, Tensor x2) => Binary(
            x1.dtype == ScalarType.Bool ? x1.to(ScalarType.Int32) : x1, x2.dtype == ScalarType.Bool ? x2.to(ScalarType.Int32) : x2,
            "Ops.Mod", (a, b) => a.remainder(b));

        /// <summary><c>x1</c> to the power <c>x2</c>, element-wise with broadcasting (Keras <c>ops.power</c>).</summary>
        /// <param name="x1">The bases.</param>
        /// <param name="x2">The exponents.</param>
        /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
        public static Tensor Power(Tensor x1, Tensor x2) => Binary(x1, x2, "Ops.Power", (a, b) => a.pow(b));

        /// <summary>The larger of <c>x1</c> and <c>x2</c>, element-wise with broadcasting (Keras <c>ops.maximum</c>), in Keras's result dtype.</summary>
        /// <param name="x1">The first operand.</param>
        /// <param name="x2">The second operand.</param>
        /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
        public static Tensor Maximum(Tensor x1, Tensor x2) => Promoted(x1, x2, "Ops.Maximum", maximum);

        /// <summary>The smaller of <c>x1</c> and <c>x2</c>, element-wise with broadcasting (Keras <c>ops.minimum</c>), in Keras's result dtype.</summary>
        /// <param name="x1">The first operand.</param>
        /// <param name="x2">The second operand.</param>
        /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
        public static Tensor Minimum(Tensor x1, Tensor x2) => Promoted(x1, x2, "Ops.Minimum", minimum);

        /// <summary><c>x1 == x2</c>, element-wise with broadcasting (Keras <c>ops.equal</c>); a bool tensor.</summary>
        /// <param name="x1">The first operand.</param>
        /// <param name="x2">The second operand.</param>
        public static Tensor Equal(Tensor x1, Tensor x2) => Binary(x1, x2, "Ops.Equal", (a, b) => a.eq(b));

        /// <summary><c>x1 != x2</c>, element-wise with broadcasting (Keras <c>ops.not_equal</c>); a bool tensor.</summary>
        /// <param name="x1">The first operand.</param>
        /// <param name="x2">The second operand.</param>
        public static Tensor NotEqual(Tensor x1, Tensor x2) => Binary(x1, x2, "Ops.NotEqual", (a, b) => a.ne(b));

        /// <summary><c>x1 &gt; x2</c>, element-wise with broadcasting (Keras <c>ops.greater</c>); a bool tensor.</summary>
        /// <param name="x1">The first operand.</param>
        /// <param name="x2">The second operand.</param>
        public static Tensor Greater(Tensor x1, Tensor x2) => Binary(x1, x2, "Ops.Greater", (a, b) => a.gt(b));

        /// <summary><c>x1 &gt;= x2</c>, element-wise with broadcasting (Keras <c>ops.greater_equal</c>); a bool tensor.</summary>
        /// <param name="x1">The first operand.</param>
        /// <param name="x2">The second operand.</param>
        public static Tensor GreaterEqual(Tensor x1, Tensor x2) => Binary(x1, x2, "Ops.GreaterEqual", (a, b) => a.ge(b));

        /// <summary><c>x1 &lt; x2</c>, element-wise with broadcasting (Keras <c>ops.less</c>); a bool tensor.</summary>
        /// <param name="x1">The first operand.</param>
        /// <param name="x2">The second operand.</param>
        public static Tensor Less(Tensor x1, Tensor x2) => Binary(x1, x2, "Ops.Less", (a, b) => a.lt(b));

        /// <summary><c>x1 &lt;= x2</c>, element-wise with broadcasting (Keras <c>ops.less_equal</c>); a bool tensor.</summary>
        /// <param name="x1">The first operand.</param>
        /// <param name="x2">The second operand.</param>
        public static Tensor LessEqual(Tensor x1, Tensor x2) => Binary(x1, x2, "Ops.LessEqual", (a, b) => a.le(b));

        /// <summary>Logical AND of the truth values (non-zero is true), element-wise (Keras <c>ops.logical_and</c>).</summary>
        /// <param name="x1">The first operand.</param>
        /// <param name="x2">The second operand.</param>
        public static Tensor LogicalAnd(Tensor x1, Tensor x2) => Binary(x1, x2, "Ops.LogicalAnd", (a, b) => a.logical_and(b));

        /// <summary>Logical OR of the truth values, element-wise (Keras <c>ops.logical_or</c>).</summary>
        /// <param name="x1">The first operand.</param>
        /// <param name="x2">The second operand.</param>
        public static Tensor LogicalOr(Tensor x1, Tensor x2) => Binary(x1, x2, "Ops.LogicalOr", (a, b) => a.logical_or(b));

        /// <summary>Logical XOR of the truth values, element-wise (Keras <c>ops.logical_xor</c>).</summary>
        /// <param name="x1">The first operand.</param>
        /// <param name="x2">The second operand.</param>
        public static Tensor LogicalXor(Tensor x1, Tensor x2) => Binary(x1, x2, "Ops.LogicalXor", (a, b) => a.logical_xor(b));

        /// <summary>Logical NOT of the truth values, element-wise (Keras <c>ops.logical_not</c>); a bool tensor.</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor LogicalNot(Tensor x) => x.logical_not();

        private static Tensor Binary(Tensor x1, Tensor x2, string op, Func<Tensor, Tensor, Tensor> f)
        {
            CheckBroadcast(x1, x2, op);
            var (a, b) = OpArgs.Operands(x1, x2);
            return f(a, b);
        }

        // The ops whose Keras implementation casts both operands to keras.backend.result_type first.
        private static Tensor Promoted(Tensor x1, Tensor x2, string op, Func<Tensor, Tensor, Tensor> f)
        {
            CheckBroadcast(x1, x2, op);
            var dtype = KerasDtypes.ResultType(x1, x2);
            var (a, b) = OpArgs.Operands(x1, x2);
            return f(OpArgs.Cast(a, dtype), OpArgs.Cast(b, dtype));
        }

        private static void CheckBroadcast(Tensor x1, Tensor x2, string op)
        {
            if (!OpArgs.Broadcastable(x1.shape, x2.shape))
            {
                throw new ArgumentException($"{op}: operands could not be broadcast together with shapes {Shape(x1)} and {Shape(x2)}.");
            }
        }
    }
}
