using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Ops
    {
        /// <summary>
        /// The matrix product (Keras <c>ops.matmul</c>, numpy's <c>@</c>): 1-D operands act as vectors, leading axes of
        /// N-D operands broadcast as batches. The dtype is Keras's result type (int8 × int8 gives int32).
        /// </summary>
        /// <param name="x1">The left operand.</param>
        /// <param name="x2">The right operand.</param>
        /// <exception cref="ArgumentException">0-dimensional operands, or inner sizes that differ.</exception>
        public static Tensor Matmul(Tensor x1, Tensor x2)
        {
            if (x1.dim() == 0 || x2.dim() == 0)
            {
                throw new ArgumentException(
                    $"Ops.Matmul needs operands of rank 1 or more. Received: shapes {Shape(x1)} and {Shape(x2)}; use Ops.Multiply for scalars.");
            }

            var inner1 = x1.shape[^1];
            var inner2 = x2.dim() == 1 ? x2.shape[0] : x2.shape[^2];
            if (inner1 != inner2)
            {
                throw new ArgumentException(
                    $"Ops.Matmul: inner sizes differ: {Shape(x1)} @ {Shape(x2)} ({inner1} vs {inner2}). Expected x1.shape[-1] == x2.shape[-2].");
            }

            if (!OpArgs.Broadcastable(x1.shape[..^Math.Min(2, x1.shape.Length)], x2.shape[..^Math.Min(2, x2.shape.Length)]))
            {
                throw new ArgumentException($"Ops.Matmul: the batch sizes of {Shape(x1)} and {Shape(x2)} do not broadcast.");
            }

            var result = x1.dtype == ScalarType.Int8 && x2.dtype == ScalarType.Int8 ? ScalarType.Int32 : KerasDtypes.ResultType(x1, x2);
            var compute = result == ScalarType.Bool ? ScalarType.Float32 : result;
            return OpArgs.Cast(OpArgs.Cast(x1, compute).matmul(OpArgs.Cast(x2, compute)), result);
        }

        /// <summary>
        /// Einstein summation (Keras <c>ops.einsum</c>), e.g. <c>Einsum("bij,bjk->bik", a, b)</c> for a batched matrix product.
        /// </summary>
        /// <param name="subscripts">The subscripts, one group per operand, optionally <c>-&gt;</c> and the output subscripts.</param>
        /// <param name="operands">The tensors.</param>
        /// <exception cref="ArgumentException">The subscripts do not fit the operands.</exception>
        public static Tensor Einsum(string subscripts, params Tensor[] operands)
        {
            var groups = subscripts.Split("->")[0].Split(',');
            if (groups.Length != operands.Length)
            {
                throw new ArgumentException(
                    $"Ops.Einsum: the subscripts '{subscripts}' name {groups.Length} operands. Received: {operands.Length} operands", nameof(operands));
            }

            try
            {
                return einsum(subscripts, operands);
            }
            catch (System.Runtime.InteropServices.ExternalException e)
            {
                throw new ArgumentException(
                    $"Ops.Einsum: the subscripts '{subscripts}' do not fit the operands of shapes {string.Join(", ", operands.Select(o => Shape(o)))}.",
                    nameof(subscripts), e);
            }
        }
    }
}
