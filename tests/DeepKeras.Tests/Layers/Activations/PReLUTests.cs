using DeepKeras.Initializers;
using DeepKeras.Layers;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Activations;

public class PReLUTests
{
    [Fact]
    public void Build_AlphaHasInputShapeWithoutBatch_ZerosMakeItAReLU()
    {
        var layer = new PReLU();
        var x = tensor(new[] { -1f, -2f, 3f, -4f }).reshape(1, 4);
        var y = layer.Apply(x);
        Assert.Equal(new Shape(4), layer.Alpha!.Shape);
        Assert.Equal(new[] { 0f, 0f, 3f, 0f }, y.data<float>().ToArray());
        Assert.Single(layer.TrainableWeights);
    }

    [Fact]
    public void Call_LearnedAlphaScalesNegatives_AndGetsGradients()
    {
        var layer = new PReLU();
        var x = tensor(new[] { -1f, -2f, 3f, -4f }).reshape(1, 4);
        layer.Apply(x);
        layer.Alpha!.Assign(tensor(new[] { 0.1f, 0.2f, 0.3f, 0.4f }));

        var y = layer.Apply(x);

        // f(x) = relu(x) − alpha·relu(−x): -1·0.1, -2·0.2, 3, -4·0.4.
        var expected = new[] { -0.1f, -0.4f, 3f, -1.6f };
        var got = y.data<float>().ToArray();
        for (var i = 0; i < 4; i++)
        {
            TestData.Near(expected[i], got[i], 1e-6, $"y[{i}]");
        }

        // d(Σy)/d(alpha) = −relu(−x) = [-1, -2, 0, -4].
        y.sum().backward();
        Assert.Equal(new[] { -1f, -2f, 0f, -4f }, layer.Alpha.Value.grad!.data<float>().ToArray());
    }

    [Fact]
    public void SharedAxes_OneAlphaPerChannel()
    {
        var layer = new PReLU(alphaInitializer: new Constant(0.25f), sharedAxes: [1, 2]);
        var x = -ones(2, 3, 5, 2);
        var y = layer.Apply(x);

        // (None, 3, 5, 2) with shared axes 1 and 2 → alpha (1, 1, 2): 2 parameters.
        Assert.Equal(new Shape(1, 1, 2), layer.Alpha!.Shape);
        Assert.Equal(2, layer.CountParams());
        Assert.True(allclose(y, full(2, 3, 5, 2, -0.25f)));
    }

    [Fact]
    public void Build_UnknownNonSharedAxis_Throws()
    {
        var layer = new PReLU();
        var input = Keras.Input(shape: new Shape(null, 3));
        var e = Assert.Throws<ArgumentException>(() => layer.Apply(input));
        Assert.Contains("axis 1 is unknown", e.Message);
    }

    [Fact]
    public void SharedAxes_InvalidValues_Throw()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PReLU(sharedAxes: [0]));
        Assert.Contains("shared_axes=[0]", e.Message);
        var layer = new PReLU(sharedAxes: [3]);
        var e2 = Assert.Throws<ArgumentException>(() => layer.Apply(ones(2, 4)));
        Assert.Contains("axis 3 is out of range", e2.Message);
    }

    [Fact]
    public void Build_InputSpecChecksNonSharedSizes()
    {
        var layer = new PReLU();
        layer.Apply(ones(2, 4));
        var e = Assert.Throws<ArgumentException>(() => layer.Apply(ones(2, 5)));
        Assert.Contains("expected axis 1 of input shape to have value 4", e.Message);
    }

    [Fact]
    public void GetConfig_HasKerasKeys()
    {
        var c = Keras.Layers.PReLU(sharedAxes: [1]).GetConfig();
        Assert.Equal("Zeros", Assert.IsType<Dictionary<string, object?>>(c["alpha_initializer"])["class_name"]);
        Assert.Null(c["alpha_regularizer"]);
        Assert.Null(c["alpha_constraint"]);
        Assert.Equal(new[] { 1 }, (int[])c["shared_axes"]!);
    }
}
