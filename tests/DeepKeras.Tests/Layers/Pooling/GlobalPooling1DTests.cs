using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Pooling;

public class GlobalPooling1DTests
{
    private static readonly Tensor X = tensor(new float[] { 1, 10, 3, 20, 8, 60 }, [1, 3, 2]);

    [Fact]
    public void Average_WithoutMask_MeansOverSteps_WithMask_OnlyUnmaskedSteps()
    {
        var layer = new GlobalAveragePooling1D();
        var mask = tensor(new[] { true, true, false }, [1, 3]);

        Assert.Equal(new float[] { 4, 30 }, layer.Apply(X).data<float>().ToArray());
        var (outputs, outMask) = layer.Invoke([X], mask, false);
        Assert.Equal(new float[] { 2, 15 }, outputs[0].data<float>().ToArray());
        Assert.Null(outMask);
    }

    [Fact]
    public void Max_TakesTheLargestStep_AndChannelsFirstAndKeepdimsWork()
    {
        Assert.Equal(new float[] { 8, 60 }, new GlobalMaxPooling1D().Apply(X).data<float>().ToArray());
        var first = new GlobalMaxPooling1D(dataFormat: "channels_first", keepdims: true);
        Assert.Equal([1L, 3, 1], first.Apply(X).shape);
        Assert.Equal(new Shape(null, 3, 1), first.ComputeOutputShape(new Shape(null, 3, 2)));
        Assert.Equal(new Shape(null, 2), new GlobalAveragePooling1D().ComputeOutputShape(new Shape(null, 3, 2)));
        Assert.Throws<ArgumentException>(() => new GlobalAveragePooling1D(dataFormat: "nwc"));
    }
}
