using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Models;

public class FunctionalTests
{
    [Fact]
    public void Model_TwoInputsConcatenated_HasKerasShapesAndParams()
    {
        var a = Keras.Input(shape: 4, name: "a");
        var b = Keras.Input(shape: 6, name: "b");
        var merged = new Concatenate().Apply(a, b);
        var output = new Dense(2).Apply(merged);
        var model = new Functional([a, b], [output], name: "two_in");

        Assert.Equal(new Shape(null, 10), merged.Shape);
        Assert.Equal(new Shape(null, 2), output.Shape);
        Assert.Equal(10 * 2 + 2, model.CountParams());
        Assert.Equal(["a", "b"], model.Layers.Take(2).Select(l => l.Name));
        var y = model.Forward([ones(3, 4), ones(3, 6)], training: false)[0];
        Assert.Equal(new long[] { 3, 2 }, y.shape);
    }

    [Fact]
    public void SharedLayer_AppliedTwice_UsesOneSetOfWeights()
    {
        var shared = new Dense(3, name: "shared");
        var a = Keras.Input(shape: 5);
        var b = Keras.Input(shape: 5);
        var sum = new Add().Apply(shared.Apply(a), shared.Apply(b));
        var model = new Functional([a, b], [sum]);

        Assert.Equal(5 * 3 + 3, model.CountParams());
        Assert.Equal(2, shared.InboundNodes.Count);
        var x = randn(2, 5);
        var expected = shared.Apply(x) * 2;
        Assert.True(model.Forward([x, x], false)[0].allclose(expected, 1e-6, 1e-6));
        Assert.False(model.IsSequentialLike);
    }

    [Fact]
    public void MultiOutput_LossWeights_CombineOutputLosses()
    {
        var input = Keras.Input(shape: 3);
        var o1 = new Dense(1, name: "out_a").Apply(input);
        var o2 = new Dense(1, name: "out_b").Apply(input);
        var model = new Functional([input], [o1, o2]);
        model.Compile(optimizer: new DeepKeras.Optimizers.SGD(0), loss: ["mse", "mse"], lossWeights: [1.0, 0.5]);

        var x = randn(8, 3);
        var (t1, t2) = (randn(8, 1), randn(8, 1));
        var r = model.TestOnBatch(x, new[] { t1, t2 });
        var preds = model.Forward([x], false);
        var l1 = (preds[0] - t1).square().mean().item<float>();
        var l2 = (preds[1] - t2).square().mean().item<float>();
        TestData.Near(l1 + 0.5 * l2, r["loss"], 1e-5, "total loss");
        TestData.Near(l1, r["out_a_loss"], 1e-5, "out_a_loss");
        TestData.Near(l2, r["out_b_loss"], 1e-5, "out_b_loss");
    }

    [Fact]
    public void MultiOutput_Metrics_AreTrackedPerOutput()
    {
        var input = Keras.Input(shape: 3);
        var model = new Functional([input], [new Dense(1, name: "head_a").Apply(input), new Dense(1, name: "head_b").Apply(input)]);
        model.Compile(optimizer: new DeepKeras.Optimizers.SGD(0), loss: "mse", metrics: ["mae", "mae"]);
        var x = randn(8, 3);
        var (t1, t2) = (randn(8, 1), zeros(8, 1));
        var r = model.TestOnBatch(x, new[] { t1, t2 });
        var preds = model.Forward([x], false);
        TestData.Near((preds[0] - t1).abs().mean().item<float>(), r["head_a_mae"], 1e-5, "head_a_mae");
        TestData.Near(preds[1].abs().mean().item<float>(), r["head_b_mae"], 1e-5, "head_b_mae");
    }

    [Fact]
    public void Input_NotFromKerasInput_IsRejected()
    {
        var a = Keras.Input(shape: 4);
        var h = new Dense(2).Apply(a);
        var ex = Assert.Throws<ArgumentException>(() => new Functional(h, new Dense(1).Apply(h)));
        Assert.Contains("must come from `Keras.Input()`", ex.Message);
    }

    [Fact]
    public void Chain_IsSequentialLike_AndFitsData()
    {
        var (x, y) = TestData.Blobs(n: 300);
        var input = Keras.Input(shape: 8);
        var h = new Dense(16, activation: "relu").Apply(input);
        var model = Keras.Model(input, new Dense(3, activation: "softmax").Apply(h));
        Assert.True(model.IsSequentialLike);
        model.Compile(optimizer: new DeepKeras.Optimizers.Adam(0.02), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var hist = model.Fit(x, y, epochs: 15, verbose: 0);
        Assert.True(hist["accuracy"][^1] > 0.85, $"accuracy {hist["accuracy"][^1]}");
    }

    [Fact]
    public void Sequential_WithLeadingInput_BuildsImmediately()
    {
        var model = new Sequential(Keras.Input(shape: (28, 28, 1)), new Flatten(), new Dense(10));
        Assert.True(model.Built);
        Assert.Equal(new Shape(null, 28, 28, 1), model.BatchInputShape);
        Assert.Equal(784 * 10 + 10, model.CountParams());
    }

    [Fact]
    public void Sequential_AddAndPop_ChangeTheStack()
    {
        var model = new Sequential(new Dense(4, inputShape: 2));
        model.Add(new Dense(3));
        Assert.Equal(2, model.Layers.Count);
        var popped = model.Pop();
        Assert.Equal(3, ((Dense)popped).Units);
        Assert.Single(model.Layers);
        Assert.Throws<InvalidOperationException>(() => new Sequential().Pop());
    }

    [Fact]
    public void AutoNames_FollowKerasCounters()
    {
        Keras.Backend.ClearSession();
        var d1 = new Dense(1);
        var d2 = new Dense(1);
        var input = Keras.Input(shape: 1);
        Assert.Equal("dense", d1.Name);
        Assert.Equal("dense_1", d2.Name);
        Assert.Equal("input_layer", input.Layer.Name);
        Assert.Equal("sequential", new Sequential().Name);
        Assert.Equal("functional", Keras.Model(input, d1.Apply(input)).Name);
    }
}
