using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Core;

public class EmbeddingTests
{
    [Fact]
    public void Lookup_ReturnsTheTableRows_AndMaskZeroMarksPadding()
    {
        var layer = new Embedding(4, 2, maskZero: true);
        layer.Apply(zeros(1, 1, dtype: int64));
        layer.Embeddings!.Assign(tensor(new float[] { 0, 0, 1, 2, 3, 4, 5, 6 }, [4, 2]));
        var ids = tensor(new long[] { 2, 0, 3, 1 }, [2, 2]);

        var (outputs, mask) = layer.Invoke([ids], null, false);

        Assert.Equal([2L, 2, 2], outputs[0].shape);
        Assert.Equal(new float[] { 3, 4, 0, 0, 5, 6, 1, 2 }, outputs[0].contiguous().data<float>().ToArray());
        Assert.Equal(new[] { true, false, true, true }, mask!.contiguous().data<bool>().ToArray());
    }

    [Fact]
    public void Defaults_UniformWithin005_AndKerasParamCount()
    {
        var layer = new Embedding(20000, 128);
        layer.Apply(zeros(1, 3, dtype: int64));
        var table = layer.Embeddings!.Value;

        Assert.Equal(2_560_000, layer.CountParams());
        Assert.True(table.abs().max().item<float>() <= 0.05f);
        Assert.True(table.std().item<float>() > 0.02f, "values spread over U(-0.05, 0.05)");
        Assert.Equal(new Shape(null, 7, 128), layer.ComputeOutputShape(new Shape(null, 7)));
    }

    [Fact]
    public void FloatIndices_AreCastAndInputLengthSetsTheInputShape()
    {
        var layer = new Embedding(5, 3, inputLength: 4);
        var y = layer.Apply(tensor(new float[] { 1, 2, 3, 4 }, [1, 4]));

        Assert.Equal(new Shape(null, 4), layer.BatchInputShape);
        Assert.Equal([1L, 4, 3], y.shape);
        Assert.Equal(layer.Embeddings!.Value[3].detach().data<float>().ToArray(), y[0, 2].detach().contiguous().data<float>().ToArray());
    }

    [Fact]
    public void OutOfRangeIndex_AndBadArguments_ThrowClearErrors()
    {
        var layer = new Embedding(10, 2);
        var error = Assert.Throws<ArgumentException>(() => layer.Apply(tensor(new long[] { 3, 10 }, [1, 2])));
        Assert.Contains("received index 10, outside the vocabulary [0, 10)", error.Message);
        var dim = Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(0, 4));
        Assert.Contains("input_dim=0", dim.Message);
    }

    [Fact]
    public void Gradient_FlowsOnlyToTheRowsLookedUp()
    {
        var layer = new Embedding(4, 2);
        layer.Apply(tensor(new long[] { 1, 1, 3 }, [1, 3]), training: true).sum().backward();
        var grad = layer.Embeddings!.Value.grad!.contiguous().data<float>().ToArray();

        Assert.Equal(new float[] { 0, 0, 2, 2, 0, 0, 1, 1 }, grad);
    }
}
