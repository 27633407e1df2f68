using DeepKeras.Layers;
using DeepKeras.Models;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Engine;

/// <summary>Layer.Input/Output/InputShape/OutputShape (Keras <c>layer.input</c>, <c>layer.output</c>) and GetWeights/SetWeights on any layer.</summary>
public sealed class LayerConnectionTests
{
    [Fact]
    public void InputAndOutput_AreTheFirstCallsTensors()
    {
        var a = Keras.Input(shape: 3);
        var dense = new Dense(2);
        var first = dense.Apply(a);
        var second = dense.Apply(Keras.Input(shape: 3));

        Assert.Same(a, dense.Input);
        Assert.Same(first, dense.Output);
        Assert.NotSame(second, dense.Output);
        // Both calls had the same shapes, so the shapes are well defined.
        Assert.Equal(new Shape(null, 3), dense.InputShape);
        Assert.Equal(new Shape(null, 2), dense.OutputShape);
    }

    [Fact]
    public void InputShape_CallsWithDifferentShapes_Throws()
    {
        var flatten = new Flatten(name: "flat");
        flatten.Apply(Keras.Input(shape: (2, 3)));
        flatten.Apply(Keras.Input(shape: (4, 5)));

        Assert.Equal(new Shape(null, 2, 3), flatten.Input.Shape);
        var ex = Assert.Throws<InvalidOperationException>(() => flatten.InputShape);
        Assert.Equal(
            "The layer \"flat\" has multiple inbound nodes, with different input shapes. Hence the notion of \"input shape\" is ill-defined for the layer. Use `Input.Shape` for its first call instead.",
            ex.Message);
        Assert.Throws<InvalidOperationException>(() => flatten.OutputShape);
    }

    [Fact]
    public void Output_NeverCalledSymbolically_ThrowsAsKeras()
    {
        var dense = new Dense(2, name: "lonely");
        dense.Apply(ones(1, 3));
        var ex = Assert.Throws<InvalidOperationException>(() => dense.Output);
        Assert.StartsWith("The layer lonely has never been called on a symbolic tensor and thus has no defined output.", ex.Message);
        Assert.Throws<InvalidOperationException>(() => dense.Input);
    }

    [Fact]
    public void Input_OfMergeLayer_IsIllDefined()
    {
        var concat = new Concatenate(name: "cat");
        var merged = concat.Apply(Keras.Input(shape: 2), Keras.Input(shape: 3));
        Assert.Same(merged, concat.Output);
        var ex = Assert.Throws<InvalidOperationException>(() => concat.Input);
        Assert.Contains("Layer \"cat\" has 2 input tensors", ex.Message);
    }

    [Fact]
    public void FunctionalModel_InputAndOutputAreItsOwn()
    {
        var x = Keras.Input(shape: 4);
        var y = new Dense(3).Apply(x);
        var model = Keras.Model(x, y);
        Assert.Same(x, model.Input);
        Assert.Same(y, model.Output);
        Assert.Equal(new Shape(null, 4), model.InputShape);
        Assert.Equal(new Shape(null, 3), model.OutputShape);
    }

    [Fact]
    public void GetAndSetWeights_OnALayer()
    {
        var dense = new Dense(2);
        dense.Build(new Shape(null, 3));
        var weights = dense.GetWeights();
        Assert.Equal([3, 2], weights[0].shape);
        Assert.Equal([2], weights[1].shape);

        dense.SetWeights([NumSharp.np.ones(new NumSharp.Shape(3, 2)).astype(NumSharp.np.float32), NumSharp.np.full(new NumSharp.Shape(2), 0.5f)]);

        Assert.Equal([2.0f, 2.0f], dense.Apply(full(1, 3, 0.5f)).data<float>().ToArray());
    }

    [Fact]
    public void SetWeights_WrongCountOrShape_ThrowsAsKerasAndChangesNothing()
    {
        var dense = new Dense(2, name: "d");
        dense.Build(new Shape(null, 3));
        var before = dense.GetWeights()[0].ToArray<float>();

        var count = Assert.Throws<ArgumentException>(() => dense.SetWeights([NumSharp.np.zeros(new NumSharp.Shape(3, 2))]));
        Assert.StartsWith("You called `SetWeights(weights)` on layer 'd' with a weight list of length 1, but the layer was expecting 2 weights.", count.Message);
        var shape = Assert.Throws<ArgumentException>(() =>
            dense.SetWeights([NumSharp.np.zeros(new NumSharp.Shape(3, 2)), NumSharp.np.zeros(new NumSharp.Shape(3))]));
        Assert.StartsWith("Layer d weight shape (2,) is not compatible with provided weight shape (3,).", shape.Message);
        Assert.Equal(before, dense.GetWeights()[0].ToArray<float>());
    }
}
