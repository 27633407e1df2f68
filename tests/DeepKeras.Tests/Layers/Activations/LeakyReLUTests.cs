using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Activations;

public class LeakyReLUTests
{
    [Fact]
    public void Call_DefaultSlope_IsKeras3Default()
    {
        var layer = new LeakyReLU();
        var y = layer.Apply(tensor(new[] { -10f, -5f, 0f, 5f, 10f }));

        // Keras 3 default negative_slope = 0.3: -10·0.3 = -3, -5·0.3 = -1.5.
        Assert.Equal(0.3, layer.NegativeSlope);
        Assert.Equal(new[] { -3f, -1.5f, 0f, 5f, 10f }, y.data<float>().ToArray());
    }

    [Fact]
    public void Call_KerasDocstringExample()
    {
        var y = Keras.Layers.LeakyReLU(negativeSlope: 0.5).Apply(tensor(new[] { -10f, -5f, 0f, 5f, 10f }));
        Assert.Equal(new[] { -5f, -2.5f, 0f, 5f, 10f }, y.data<float>().ToArray());
    }

    [Fact]
    public void Ctor_NegativeSlope_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LeakyReLU(-0.1));
        Assert.Contains("negative_slope=-0.1", e.Message);
    }

    [Fact]
    public void GetConfig_HasNegativeSlope()
    {
        var layer = new LeakyReLU(0.2, name: "lrelu");
        var c = layer.GetConfig();
        Assert.Equal(0.2, c["negative_slope"]);
        Assert.Equal("lrelu", c["name"]);
        Assert.Equal(0, layer.CountParams());
        Assert.Equal(new Shape(null, 4, 4, 3), layer.ComputeOutputShape(new Shape(null, 4, 4, 3)));
    }
}
