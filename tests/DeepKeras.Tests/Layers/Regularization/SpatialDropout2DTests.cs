using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Regularization;

public class SpatialDropout2DTests
{
    [Fact]
    public void Training_DropsWholeChannels_AndScalesTheRest()
    {
        Keras.Utils.SetRandomSeed(7);
        var x = ones(8, 4, 4, 16);
        var y = new SpatialDropout2D(0.5).Apply(x, training: true);

        // Every (sample, channel) map is all 0 or all 1/(1 − 0.5) = 2.
        var perMap = y.permute(0, 3, 1, 2).reshape(8 * 16, 16);
        var min = perMap.amin([1]);
        var max = perMap.amax([1]);
        Assert.True(min.allclose(max, 0, 0), "a feature map was partly dropped");
        Assert.True((max.eq(0) | max.eq(2)).all().item<bool>());
        var kept = max.eq(2).to_type(float32).mean().item<float>();
        Assert.InRange(kept, 0.3, 0.7); // 128 maps with keep probability 0.5
    }

    [Fact]
    public void Inference_IsIdentity()
    {
        var x = randn(2, 3, 3, 4);
        Assert.True(new SpatialDropout2D(0.9).Apply(x, training: false).allclose(x, 0, 0));
    }

    [Fact]
    public void ChannelsFirst_DropsAlongAxis1()
    {
        Keras.Utils.SetRandomSeed(1);
        var y = new SpatialDropout2D(0.5, dataFormat: "channels_first").Apply(ones(4, 8, 3, 3), training: true);
        var perMap = y.reshape(4 * 8, 9);
        Assert.True(perMap.amin([1]).allclose(perMap.amax([1]), 0, 0));
    }

    [Fact]
    public void Rate_OutOfRange_IsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SpatialDropout2D(1.0));
        Assert.Contains("rate=1", e.Message);
    }
}
