using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Regularization;

/// <summary>SpatialDropout1D and SpatialDropout3D: whole channels dropped in training at Keras's rate, identity at inference.</summary>
public class SpatialDropout1D3DTests
{
    /// <summary>
    /// Checks every (sample, channel) slice of <paramref name="y"/> (computed from ones) is all 0 or all 1/(1 − rate) and
    /// returns the fraction of dropped slices.
    /// </summary>
    private static double DroppedFraction(Tensor y, long channelAxis, double rate)
    {
        var slices = y.movedim([channelAxis], [1]).reshape(y.shape[0] * y.shape[channelAxis], -1);
        var min = slices.amin([1]);
        var max = slices.amax([1]);
        Assert.True(min.allclose(max, 0, 0), "a channel was partly dropped");
        var kept = (float)(1 / (1 - rate));
        Assert.True((max.eq(0) | max.isclose(tensor(kept), 1e-6, 0)).all().item<bool>(), $"values other than 0 and {kept}");
        return max.eq(0).to_type(float64).mean().item<double>();
    }

    [Fact]
    public void SpatialDropout1D_Training_DropsWholeChannelsAtTheRate()
    {
        Keras.Utils.SetRandomSeed(11);
        var y = new SpatialDropout1D(0.3).Apply(ones(200, 10, 50), training: true);
        var dropped = DroppedFraction(y, 2, 0.3);

        // 10,000 channels: the standard deviation of the fraction is √(0.3·0.7/10⁴) ≈ 0.0046.
        Assert.InRange(dropped, 0.3 - 0.02, 0.3 + 0.02);
    }

    [Fact]
    public void SpatialDropout3D_ChannelsFirst_Training_DropsWholeVolumesAtTheRate()
    {
        Keras.Utils.SetRandomSeed(12);
        var y = new SpatialDropout3D(0.6, dataFormat: "channels_first").Apply(ones([100, 60, 2, 3, 2]), training: true);
        var dropped = DroppedFraction(y, 1, 0.6);
        Assert.InRange(dropped, 0.6 - 0.03, 0.6 + 0.03); // 6,000 channels, σ ≈ 0.0063
    }

    [Fact]
    public void SpatialDropout3D_ChannelsLast_DropsAlongTheLastAxis()
    {
        Keras.Utils.SetRandomSeed(13);
        var y = new SpatialDropout3D(0.5).Apply(ones([20, 2, 2, 3, 30]), training: true);
        Assert.InRange(DroppedFraction(y, 4, 0.5), 0.4, 0.6);
    }

    [Fact]
    public void Inference_IsIdentity()
    {
        var x1 = randn(3, 5, 4);
        var x3 = randn([2, 3, 2, 2, 4]);
        Assert.True(new SpatialDropout1D(0.9).Apply(x1, training: false).equal(x1).all().item<bool>());
        Assert.True(new SpatialDropout3D(0.9).Apply(x3, training: false).equal(x3).all().item<bool>());
    }

    [Fact]
    public void BadArguments_NameTheArgumentAndTheLayer()
    {
        Assert.Contains("Received: rate=1", Assert.Throws<ArgumentOutOfRangeException>(() => new SpatialDropout1D(1.0)).Message);
        Assert.Contains("Received: rate=-0.1", Assert.Throws<ArgumentOutOfRangeException>(() => new SpatialDropout3D(-0.1)).Message);
        var e = Assert.Throws<ArgumentException>(() => new SpatialDropout3D(0.2, name: "sd3").Apply(ones(2, 3, 3, 4)));
        Assert.Contains("layer \"sd3\" is incompatible with the layer: expected ndim=5, found ndim=4", e.Message);
        e = Assert.Throws<ArgumentException>(() => new SpatialDropout1D(0.2, name: "sd1").Apply(ones(2, 3)));
        Assert.Contains("layer \"sd1\" is incompatible with the layer: expected ndim=3, found ndim=2", e.Message);
    }
}
