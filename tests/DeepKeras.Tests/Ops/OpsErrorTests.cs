using static DeepKeras.Keras.Ops;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Ops;

/// <summary>Bad arguments give an exception naming the op and argument, what was expected and what was received.</summary>
public sealed class OpsErrorTests
{
    private static void Throws<T>(Action call, params string[] fragments)
        where T : Exception
    {
        var e = Assert.ThrowsAny<T>(call);
        foreach (var f in fragments)
        {
            Assert.Contains(f, e.Message);
        }
    }

    [Fact]
    public void AxisOutOfRange() => Throws<ArgumentException>(() => Sum(zeros(2, 3), 2),
        "Ops.Sum: axis 2 is out of bounds for a tensor of rank 2", "Expected an axis in [-2, 1]", "Received: axis=2");

    [Fact]
    public void RepeatedAxis() => Throws<ArgumentException>(() => Mean(zeros(2, 3), (1, -1)), "Ops.Mean: repeated axis", "Received: axis=(1, -1)");

    [Fact]
    public void UnknownDtype() => Throws<ArgumentException>(() => Cast(zeros(2), "float"),
        "Ops.Cast: invalid dtype 'float'", "Expected one of: bool, uint8", "Received: dtype=float");

    [Fact]
    public void ShapesThatDoNotBroadcast() => Throws<ArgumentException>(() => Add(zeros(2, 3), zeros(4)),
        "Ops.Add: operands could not be broadcast together with shapes (2, 3) and (4,)");

    [Fact]
    public void ReshapeToTheWrongSize() => Throws<ArgumentException>(() => Reshape(zeros(2, 3), (4, -1)),
        "Ops.Reshape: cannot reshape a tensor of shape (2, 3) (6 elements) into shape (4, -1)");

    [Fact]
    public void ConcatenateMismatchedShapes() => Throws<ArgumentException>(() => Concatenate([zeros(2, 3), zeros(2, 4)], axis: 0),
        "Ops.Concatenate: tensor 1 has shape (2, 4), incompatible with tensor 0's shape (2, 3)", "except along axis 0");

    [Fact]
    public void StackMismatchedShapes() => Throws<ArgumentException>(() => Stack([zeros(2), zeros(3)]), "Ops.Stack: tensor 1 has shape (3,)");

    [Fact]
    public void MatmulInnerSizes() => Throws<ArgumentException>(() => Matmul(zeros(2, 3), zeros(4, 5)),
        "Ops.Matmul: inner sizes differ: (2, 3) @ (4, 5) (3 vs 4)");

    [Fact]
    public void MatmulBatchSizes() => Throws<ArgumentException>(() => Matmul(zeros(2, 3, 4), zeros(5, 4, 1)),
        "Ops.Matmul: the batch sizes of (2, 3, 4) and (5, 4, 1) do not broadcast");

    [Fact]
    public void SoftmaxOfIntegers() => Throws<ArgumentException>(() => Softmax(tensor(new[] { 1, 2 })),
        "Ops.Softmax expects a floating-point tensor. Received: dtype=int32", "Ops.Cast(x, \"float32\")");

    [Fact]
    public void OneHotIdTooLarge() => Throws<ArgumentException>(() => OneHot(tensor(new[] { 0, 3 }), 3),
        "Ops.OneHot: class ids must be smaller than numClasses=3. Received: a maximum id of 3");

    [Fact]
    public void OneHotOfBooleans() => Throws<ArgumentException>(() => OneHot(zeros(2, dtype: ScalarType.Bool), 3), "class ids must be numbers. Received: dtype=bool");

    [Fact]
    public void SqueezeAnAxisOfSizeTwo() => Throws<ArgumentException>(() => Squeeze(zeros(1, 2), 1),
        "Ops.Squeeze: cannot squeeze axis 1, whose size is 2 (shape (1, 2))");

    [Fact]
    public void SplitNotDivisible() => Throws<ArgumentException>(() => Split(zeros(5), 2),
        "Ops.Split: x.shape[0]=5 is not divisible by sections=2");

    [Fact]
    public void TakeOutOfRange() => Throws<ArgumentException>(() => Take(zeros(2, 3), [3], axis: 1),
        "Ops.Take: an index is out of range for an axis of size 3. Expected indices in [-3, 2]");

    [Fact]
    public void TopKTooLarge() => Throws<ArgumentOutOfRangeException>(() => TopK(zeros(2, 3), 4), "Ops.TopK: k must be in [0, 3]", "Received: k=4");

    [Fact]
    public void NormBadOrder() => Throws<ArgumentException>(() => Norm(zeros(2, 3), 3),
        "Ops.Norm: invalid order for a matrix norm. Expected 1, -1, 2, -2, inf, -inf, 'fro' or 'nuc'. Received: ord=3");

    [Fact]
    public void NormTooManyAxes() => Throws<ArgumentException>(() => Norm(zeros(2, 3, 4), axis: (0, 1, 2)), "`axis` must be one or two axes");

    [Fact]
    public void NegativeOfBool() => Throws<ArgumentException>(() => Negative(tensor(new[] { true })), "use Ops.LogicalNot. Received: dtype=bool");

    [Fact]
    public void SubtractTwoBools() => Throws<ArgumentException>(() => Subtract(tensor(new[] { true }), tensor(new[] { false })), "use Ops.LogicalXor");

    [Fact]
    public void EinsumOperandCount() => Throws<ArgumentException>(() => Einsum("ij,jk->ik", zeros(2, 2)),
        "Ops.Einsum: the subscripts 'ij,jk->ik' name 2 operands. Received: 1 operands");

    [Fact]
    public void EinsumMismatchedSizes() => Throws<ArgumentException>(() => Einsum("ij,jk->ik", zeros(2, 3), zeros(4, 2)),
        "do not fit the operands of shapes (2, 3), (4, 2)");

    [Fact]
    public void ArangeStepZero() => Throws<ArgumentException>(() => Arange(0, 5, 0), "Ops.Arange: step must not be 0");

    [Fact]
    public void OnesWithUnknownSize() => Throws<ArgumentException>(() => Ones(new Shape(null, 2)),
        "Ops.Ones: every size of the shape must be known. Received: shape=(None, 2)");

    [Fact]
    public void MaxOfEmpty() => Throws<ArgumentException>(() => Max(zeros(0)), "Ops.Max: cannot compute the max of an empty tensor", "Pass `initial`");

    [Fact]
    public void CrossentropyShapes() => Throws<ArgumentException>(() => CategoricalCrossentropy(zeros(2, 3), zeros(2, 4)),
        "Ops.CategoricalCrossentropy: `target` and `output` must have the same shape", "target.shape=(2, 3), output.shape=(2, 4)");

    [Fact]
    public void TransposeNotAPermutation() => Throws<ArgumentException>(() => Transpose(zeros(2, 3), 0),
        "Ops.Transpose: `axes` must list each of the 2 axes once. Received: axes=(0)");
}
