using DeepKeras.Tests.TestUtil;
using NumSharp;
using static DeepKeras.Keras.Ops;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Ops;

/// <summary>
/// What the golden files do not show: the TorchSharp traps Keras.Ops avoids, numpy semantics where Keras's torch backend
/// strays, conversions and gradients.
/// </summary>
public sealed class OpsBehaviourTests
{
    private static Tensor Grid() => tensor(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });

    [Fact]
    public void Sum_Axis0_SumsAxis0Only_UnlikeTorchSharpSumOfZero()
    {
        var x = Grid();
        // TorchSharp binds x.sum(0) to sum(ScalarType type) and sums every element.
        Assert.Empty(x.sum(0).shape);
        var s = Sum(x, axis: 0);
        Assert.Equal([3L], s.shape);
        Assert.Equal([5f, 7f, 9f], s.data<float>().ToArray());
        Assert.Equal([6f, 15f], Sum(x, 1).data<float>().ToArray());
        Assert.Equal(21f, Sum(x).item<float>());
    }

    [Fact]
    public void GuideReconstructionLoss_SumsImageAxesThenAverages()
    {
        // ops.mean(ops.sum(ops.square(data - reconstruction), axis=(1, 2))) from the VAE guide.
        var data = arange(24, dtype: float32).reshape(2, 3, 4);
        var reconstruction = zeros_like(data);
        var loss = Mean(Sum(Square(data - reconstruction), axis: (1, 2)));
        var expected = (Enumerable.Range(0, 12).Sum(i => i * i) + Enumerable.Range(12, 12).Sum(i => i * i)) / 2.0;
        TestData.Near(expected, loss.item<float>(), 1e-3, "loss");
    }

    [Fact]
    public void Reductions_KeepdimsWithoutAxis_KeepEveryAxisAsNumpy()
    {
        var x = ones(2, 3, 4);
        Assert.Equal([1L, 1L, 1L], Sum(x, keepdims: true).shape);
        Assert.Equal([1L, 1L, 1L], Max(x, keepdims: true).shape);
        Assert.Equal([1L, 1L, 1L], Prod(x, keepdims: true).shape);
        Assert.Equal([1L, 1L, 1L], Argmax(x, keepdims: true).shape);
    }

    [Fact]
    public void Mean_OfInt32_IsFloat32()
    {
        var m = Mean(tensor(new[] { 1, 2 }));
        Assert.Equal("float32", Dtype(m));
        Assert.Equal(1.5f, m.item<float>());
    }

    [Fact]
    public void Max_ReturnsValues_Argmax_ReturnsInt32Indices()
    {
        var x = Grid();
        Assert.Equal([3f, 6f], Max(x, axis: -1).data<float>().ToArray());
        var i = Argmax(x, axis: -1);
        Assert.Equal("int32", Dtype(i));
        Assert.Equal([2, 2], i.data<int>().ToArray());
    }

    [Fact]
    public void Take_NegativeFlatIndex_CountsFromTheEndOfTheFlattenedTensor() =>
        Assert.Equal([6f, 1f], Take(Grid(), [-1, 0]).data<float>().ToArray());

    [Fact]
    public void Shape_IsATupleOfInts()
    {
        var s = Keras.Ops.Shape(zeros(2, 3));
        Assert.Equal(new Shape(2, 3), s);
        Assert.Equal("(2, 3)", s.ToString());
        Assert.Equal(3, s[-1]);
    }

    [Fact]
    public void ConvertToTensor_KeepsNumpyDtypes_AndConvertToNumpyRoundTrips()
    {
        var ints = np.array(new[,] { { 1, 2 }, { 3, 4 } });
        var t = ConvertToTensor(ints);
        Assert.Equal("int32", Dtype(t));
        var back = ConvertToNumpy(t);
        Assert.Equal(NPTypeCode.Int32, back.typecode);
        Assert.Equal([2, 2], back.shape.ToArray());
        Assert.Equal(new[] { 1, 2, 3, 4 }, back.ToArray<int>());
        Assert.Equal("float64", Dtype(ConvertToTensor(np.array(new[] { 0.5 }))));
        Assert.Equal(NPTypeCode.Boolean, ConvertToNumpy(ConvertToTensor(new[] { true })).typecode);
    }

    [Fact]
    public void ConvertToTensor_JaggedRows_Stack_RaggedRows_Throw()
    {
        var t = ConvertToTensor(new[] { new[] { 1f, 2f }, new[] { 3f, 4f } });
        Assert.Equal([2L, 2L], t.shape);
        Assert.Equal("float32", Dtype(t));
        var e = Assert.Throws<ArgumentException>(() => ConvertToTensor(new[] { new[] { 1f }, new[] { 3f, 4f } }));
        Assert.Contains("rows differ in length: row 0 has 1 values, row 1 has 2", e.Message);
    }

    [Fact]
    public void ConvertToTensor_Scalars_FollowPythonRules()
    {
        Assert.Equal("float32", Dtype(ConvertToTensor(2.5)));
        Assert.Equal("int32", Dtype(ConvertToTensor(3)));
        Assert.Equal("int32", Dtype(ConvertToTensor(3L)));
        Assert.Equal("int64", Dtype(ConvertToTensor(1L << 40)));
        Assert.Equal("bool", Dtype(ConvertToTensor(true)));
        Assert.Equal("float64", Dtype(ConvertToTensor(3, dtype: "float64")));
    }

    [Fact]
    public void StopGradient_BlocksTheGradient()
    {
        var w = tensor(new[] { 2f }).requires_grad_();
        var y = w * w + StopGradient(w * w);
        y.sum().backward();
        Assert.Equal(4f, w.grad!.item<float>());
    }

    [Fact]
    public void Ops_AreDifferentiable()
    {
        var x = tensor(new[] { 1f, 2f, 3f }).requires_grad_();
        Sum(Square(x)).backward();
        Assert.Equal([2f, 4f, 6f], x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Transpose_WithoutAxes_ReversesThem() => Assert.Equal([4L, 3L, 2L], Transpose(zeros(2, 3, 4)).shape);

    [Fact]
    public void Where_OneArgument_GivesIndicesPerAxis()
    {
        var idx = Where(tensor(new[,] { { true, false }, { false, true } }));
        Assert.Equal([2L, 2L], idx.shape);
        Assert.Equal([0L, 1L, 0L, 1L], idx.data<long>().ToArray());
    }

    [Fact]
    public void Clip_AndMaximum_WithCSharpScalars_KeepKerasDtypes()
    {
        var ints = tensor(new[] { -2, 5, 9 });
        Assert.Equal([0, 5, 7], Clip(ints, 0, 7).data<int>().ToArray());
        Assert.Equal("float32", Dtype(Clip(ints, 0.5, 7)));
        Assert.Equal("float32", Dtype(Maximum(ints, 0.5)));
        Assert.Equal("int32", Dtype(Maximum(ints, 0)));
    }

    [Fact]
    public void OneHot_NegativeIdGivesZeros()
    {
        var y = OneHot(tensor(new[] { 1, -1 }), 3);
        Assert.Equal([0f, 1f, 0f, 0f, 0f, 0f], y.data<float>().ToArray());
    }
}
