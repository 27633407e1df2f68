using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;
using static DeepKeras.Tests.Layers.Rnn.RnnTestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Rnn;

public class BidirectionalTests
{
    [Fact]
    public void KerasImdbModel_HasKerasParamCountAndSublayerNames()
    {
        NameScope.Reset();
        var model = new Sequential(
            new InputLayer(new Shape((int?)null), dtype: "int32"),
            new Embedding(20000, 128),
            new Bidirectional(new LSTM(64, returnSequences: true)),
            new Bidirectional(new LSTM(64)),
            new Dense(1, activation: "sigmoid"));

        Assert.Equal(2_757_761, model.CountParams());
        var first = (Bidirectional)model.Layers[1];
        Assert.Equal(98_816, first.CountParams());
        Assert.Equal("bidirectional", first.Name);
        Assert.Equal("forward_lstm", first.ForwardLayer.Name);
        Assert.Equal("backward_lstm", first.BackwardLayer.Name);
        Assert.False(first.ForwardLayer.GoBackwards);
        Assert.True(first.BackwardLayer.GoBackwards);
        Assert.Equal(new Shape(null, null, 128), model.Layers[1].ComputeOutputShape(new Shape(null, null, 128)));
        Assert.Equal(new Shape(null, 128), model.Layers[2].ComputeOutputShape(new Shape(null, null, 128)));
    }

    public static TheoryData<string> Modes => new() { "concat", "sum", "mul", "ave" };

    [Theory]
    [MemberData(nameof(Modes))]
    public void MergeModes_CombineForwardAndTimeFlippedBackwardOutputs(string mode)
    {
        Keras.Utils.SetRandomSeed(7);
        var bi = new Bidirectional(new GRU(3, returnSequences: true), mergeMode: mode);
        var x = T(Pattern(2 * 4 * 5, 1.0, 3), 2, 4, 5);
        var y = bi.Apply(x);
        var f = bi.ForwardLayer.Apply(x);
        var b = bi.BackwardLayer.Apply(x).flip(1);

        var expected = mode switch
        {
            "concat" => cat([f, b], -1),
            "sum" => f + b,
            "mul" => f * b,
            _ => (f + b) / 2,
        };
        AllClose(expected, y, what: mode);
        Assert.Equal(new Shape(null, 4, mode == "concat" ? 6 : 3), bi.ComputeOutputShape(new Shape(null, 4, 5)));
    }

    [Fact]
    public void NullMergeMode_WithReturnState_ReturnsBothOutputsThenForwardAndBackwardStates()
    {
        Keras.Utils.SetRandomSeed(8);
        var bi = new Bidirectional(new LSTM(2, returnState: true), mergeMode: null);
        var x = T(Pattern(3 * 5 * 4, 1.0, 1), 3, 5, 4);
        var outputs = bi.ApplyAll([x]);
        var shapes = bi.ComputeOutputShapes([new Shape(null, 5, 4)]);

        Assert.Equal(6, outputs.Length);
        Assert.Equal(6, shapes.Length);
        AllClose(outputs[0], outputs[2], what: "forward output = forward h");
        AllClose(outputs[1], outputs[4], what: "backward output = backward h");
        AllClose(bi.BackwardLayer.Apply(x), outputs[1], what: "backward output");
    }

    [Fact]
    public void Constructor_BadArguments_ThrowKerasMessages()
    {
        var mode = Assert.Throws<ArgumentException>(() => new Bidirectional(new LSTM(2), mergeMode: "max"));
        Assert.Contains("Invalid merge mode. Received: max", mode.Message);
        var direction = Assert.Throws<ArgumentException>(() => new Bidirectional(new LSTM(2), backwardLayer: new LSTM(2)));
        Assert.Contains("different `go_backwards`", direction.Message);
        var sequences = Assert.Throws<ArgumentException>(() =>
            new Bidirectional(new LSTM(2, returnSequences: true), backwardLayer: new LSTM(2, goBackwards: true)));
        Assert.Contains("\"return_sequences\"", sequences.Message);
    }

    [Fact]
    public void Trains_InAFunctionalModelWithTheFacade()
    {
        Keras.Utils.SetRandomSeed(9);
        var inputs = Keras.Input(shape: (6, 1));
        var h = Keras.Layers.Bidirectional(Keras.Layers.SimpleRNN(8)).Apply(inputs);
        var model = Keras.Model(inputs, Keras.Layers.Dense(1).Apply(h));
        model.Compile(optimizer: new DeepKeras.Optimizers.Adam(0.02), loss: "mse");
        var x = randn(256, 6, 1);
        var y = x[TensorIndex.Colon, 0] - x[TensorIndex.Colon, 5];

        var history = model.Fit(x, y, epochs: 30, batchSize: 32, verbose: 0);

        Assert.True(history["loss"][^1] < 0.2 * history["loss"][0], $"loss {history["loss"][0]} → {history["loss"][^1]}");
    }
}
