using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Reshaping;

public class RepeatVectorTests
{
    [Fact]
    public void RepeatsEachSampleNTimes()
    {
        var layer = new RepeatVector(3);
        var y = layer.Apply(tensor(new float[] { 1, 2, 3, 4 }, [2, 2]));

        Assert.Equal([2L, 3, 2], y.shape);
        Assert.Equal(new float[] { 1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4 }, y.contiguous().data<float>().ToArray());
        Assert.Equal(new Shape(null, 3, 2), layer.ComputeOutputShape(new Shape(null, 2)));
    }

    [Fact]
    public void Rank3Input_AndNonPositiveN_Throw()
    {
        Assert.Contains("expected ndim=2", Assert.Throws<ArgumentException>(() => new RepeatVector(2).Apply(zeros(1, 2, 3))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RepeatVector(0));
    }
}
