using DeepKeras.Layers;
using DeepKeras.Tests.TestUtil;
using static DeepKeras.Tests.Layers.Rnn.RnnTestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Rnn;

/// <summary>The generic <see cref="RNN"/> layer: built-in cells equal the built-in layers, states, dropout masks, errors.</summary>
public sealed class RNNTests
{
    private static void CopyWeights(Layer from, Layer to)
    {
        Assert.Equal(from.Weights.Count, to.Weights.Count);
        for (var i = 0; i < from.Weights.Count; i++)
        {
            to.Weights[i].Assign(from.Weights[i].Value);
        }
    }

    public static TheoryData<string> Kinds => new() { "lstm", "gru", "gru_before", "simple_rnn" };

    private static (RnnBase Layer, RNN Cell) Pair(string kind, double dropout = 0, double recurrentDropout = 0, int? seed = null) => kind switch
    {
        "lstm" => (new LSTM(4, dropout: dropout, recurrentDropout: recurrentDropout, seed: seed, returnSequences: true, returnState: true),
            new RNN(new LSTMCell(4, dropout: dropout, recurrentDropout: recurrentDropout, seed: seed), returnSequences: true, returnState: true)),
        "gru" => (new GRU(4, dropout: dropout, recurrentDropout: recurrentDropout, seed: seed, returnSequences: true, returnState: true),
            new RNN(new GRUCell(4, dropout: dropout, recurrentDropout: recurrentDropout, seed: seed), returnSequences: true, returnState: true)),
        "gru_before" => (new GRU(4, dropout: dropout, recurrentDropout: recurrentDropout, seed: seed, resetAfter: false, returnSequences: true, returnState: true),
            new RNN(new GRUCell(4, dropout: dropout, recurrentDropout: recurrentDropout, resetAfter: false, seed: seed), returnSequences: true, returnState: true)),
        _ => (new SimpleRNN(4, dropout: dropout, recurrentDropout: recurrentDropout, seed: seed, returnSequences: true, returnState: true),
            new RNN(new SimpleRNNCell(4, dropout: dropout, recurrentDropout: recurrentDropout, seed: seed), returnSequences: true, returnState: true)),
    };

    private static void AllOutputsClose(Tensor[] expected, Tensor[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            AllClose(expected[i], actual[i], what: $"{what} output {i}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void BuiltInCell_EqualsBuiltInLayer_WithAndWithoutMaskAndInitialStates(string kind)
    {
        Keras.Utils.SetRandomSeed(41);
        var (layer, rnn) = Pair(kind);
        var x = randn(3, 6, 2);
        layer.Apply(x);
        rnn.Apply(x);
        CopyWeights(layer, rnn);
        var mask = tensor(new[] { true, true, false, true, true, true, false, true, true, true, true, false, true, true, true, true, true, true }, [3, 6]);
        var initial = layer.StateSize.Flatten().Select(_ => randn(3, 4)).ToArray();

        AllOutputsClose(layer.ApplyAll([x]), rnn.ApplyAll([x]), $"{kind} plain");
        AllOutputsClose(layer.ApplyAll([x], mask), rnn.ApplyAll([x], mask), $"{kind} masked");
        AllOutputsClose(layer.ApplyAll([x, .. initial]), rnn.ApplyAll([x, .. initial]), $"{kind} initial states");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SeededDropout_DrawsTheSameMasksInTheLayerAndInRNN(string kind)
    {
        foreach (var (dropout, recurrentDropout) in new[] { (0.4, 0.0), (0.3, 0.5) })
        {
            var (layer, rnn) = Pair(kind, dropout, recurrentDropout, seed: 7);
            var x = randn(3, 5, 2);
            layer.Apply(x);
            rnn.Apply(x);
            CopyWeights(layer, rnn);

            for (var call = 0; call < 2; call++)
            {
                AllOutputsClose(layer.ApplyAll([x], training: true), rnn.ApplyAll([x], training: true), $"{kind} dropout {dropout}/{recurrentDropout} call {call}");
            }

            var inference = rnn.ApplyAll([x]);
            Assert.True(Values((inference[0] - rnn.ApplyAll([x], training: true)[0]).abs().max()).Single() > 1e-4, "training drops units");
        }
    }

    [Fact]
    public void InputDropoutMask_IsTheSameAtEveryStep_AndNewForEveryCall()
    {
        Keras.Utils.SetRandomSeed(3);
        // Identity kernel, no recurrence, linear: each step's output is the step's input times the dropout mask.
        var cell = new SimpleRNNCell(6, activation: "linear", useBias: false, dropout: 0.5);
        var rnn = new RNN(cell, returnSequences: true);
        rnn.Build(new Shape(null, 5, 6));
        cell.Kernel!.Assign(eye(6));
        cell.RecurrentKernel!.Assign(zeros(6, 6));
        var x = ones(4, 5, 6);

        var first = rnn.Apply(x, training: true);
        var second = rnn.Apply(x, training: true);

        for (var t = 1; t < 5; t++)
        {
            AllClose(first[TensorIndex.Colon, 0], first[TensorIndex.Colon, t], what: $"step {t} uses step 0's mask");
        }

        Assert.All(Values(first), v => Assert.True(v is 0f or 2f, $"kept units are scaled by 1/(1 − 0.5), dropped are 0: {v}"));
        Assert.True(Values((first - second).abs().max()).Single() > 0, "every call draws a new mask");
    }

    [Fact]
    public void StatefulKerasModel_CarriesStates_AndResetKeepsZeroStatesOfTheBatchShape()
    {
        var g = KerasGolden.Case("rnncell_stateful");
        var model = Keras.Models.LoadModel(g.File("model.keras"));
        var rnn = model.Layers.OfType<RNN>().Single();
        var x = g.Tensor("x");
        Assert.NotNull(rnn.States);
        Assert.All(rnn.States!, s => Assert.Equal([2L, 3], s.shape));

        KerasGolden.AssertClose(g.Tensor("y_first"), model.PredictTensors(x[TensorIndex.Colon, TensorIndex.Slice(0, 3)])[0], 1e-6, "first batch");
        KerasGolden.AssertClose(g.Tensor("y_second"), model.PredictTensors(x[TensorIndex.Colon, TensorIndex.Slice(3, 6)])[0], 1e-6, "second batch");
        KerasGolden.AssertClose(g.Tensor("h_kept"), rnn.States![0], 1e-6, "kept h");
        KerasGolden.AssertClose(g.Tensor("c_kept"), rnn.States[1], 1e-6, "kept c");

        rnn.ResetStates();

        KerasGolden.AssertClose(g.Tensor("h_reset"), rnn.States[0], 0, "h after reset");
        KerasGolden.AssertClose(g.Tensor("c_reset"), rnn.States[1], 0, "c after reset");
        KerasGolden.AssertClose(g.Tensor("y_after_reset"), model.PredictTensors(x[TensorIndex.Colon, TensorIndex.Slice(3, 6)])[0], 1e-6, "after reset");
        var error = Assert.Throws<ArgumentException>(() => rnn.Apply(zeros(5, 3, 2)));
        Assert.Contains("holds states for batches of 2 samples, but it received a batch of 5", error.Message);
    }

    [Fact]
    public void StatefulStack_KeepsEveryCellsStates()
    {
        var rnn = new RNN([new LSTMCell(3), new GRUCell(2)], stateful: true);
        Assert.Null(rnn.States);

        rnn.Apply(randn(4, 5, 2));

        Assert.Equal([[4L, 3], [4L, 3], [4L, 2]], rnn.States!.Select(s => s.shape));
        rnn.ResetState();
        Assert.Equal([[4L, 3], [4L, 3], [4L, 2]], rnn.States!.Select(s => s.shape));
        Assert.All(rnn.States!, s => Assert.Equal(0f, s.abs().max().item<float>()));
    }

    [Fact]
    public void ListOfCells_IsAStackedRNNCells()
    {
        var lstm = new LSTMCell(4);
        var gru = new GRUCell(3);

        var rnn = new RNN([lstm, gru], returnState: true);

        var stack = Assert.IsType<StackedRNNCells>(rnn.Cell);
        Assert.Equal([lstm, gru], stack.Cells);
        Assert.Equal("[[4, 4], 3]", rnn.StateSize.ToString());
        Assert.Equal(new Shape(3), stack.OutputSize!.Leaf);
        Assert.Equal(
            ["(None, 3)", "(None, 4)", "(None, 4)", "(None, 3)"],
            rnn.ComputeOutputShapes([new Shape(null, 7, 5)]).Select(s => s.ToString()));
    }

    [Fact]
    public void BadInputs_GiveKerasStyleErrors()
    {
        var rnn = new RNN(new GRUCell(3), name: "my_rnn");
        rnn.Apply(zeros(2, 4, 5));

        var rank = Assert.Throws<ArgumentException>(() => rnn.Apply(zeros(2, 5)));
        Assert.Contains("Input 0 of layer \"my_rnn\" is incompatible with the layer: expected min_ndim=3", rank.Message);
        var features = Assert.Throws<ArgumentException>(() => rnn.Apply(zeros(2, 4, 6)));
        Assert.Contains("expected axis -1 of input shape to have value 5, but received input with shape (2, 4, 6)", features.Message);
        var states = Assert.Throws<ArgumentException>(() => rnn.ApplyAll([zeros(2, 4, 5), zeros(2, 3), zeros(2, 3)]));
        Assert.Contains("expects 1 initial state tensor(s) after the sequence, but it received 2", states.Message);
        var stateShape = Assert.Throws<ArgumentException>(() => rnn.ApplyAll([zeros(2, 4, 5), zeros(2, 4)]));
        Assert.Contains("must have shape (2, 3). Received: shape=(2, 4)", stateShape.Message);
        var lstmRank = Assert.Throws<ArgumentException>(() => new LSTM(2).Apply(zeros(2, 3, 4, 5)));
        Assert.Contains("expected ndim=3, found ndim=4", lstmRank.Message);
        Assert.Throws<ArgumentNullException>(() => new RNN((RNNCell)null!));
        var empty = Assert.Throws<ArgumentException>(() => new RNN(Array.Empty<RNNCell>()));
        Assert.Contains("StackedRNNCells needs a list of RNN cells", empty.Message);
        var units = Assert.Throws<ArgumentOutOfRangeException>(() => new LSTMCell(0));
        Assert.Contains("expected a positive integer, got 0", units.Message);
        var rate = Assert.Throws<ArgumentOutOfRangeException>(() => new GRUCell(2, recurrentDropout: 1.0));
        Assert.Contains("`recurrent_dropout`, expected a float in [0, 1). Received: recurrent_dropout=1", rate.Message);
    }

    [Fact]
    public void CellWithSeveralOutputs_CannotFeedTheNextCellOfAStack()
    {
        var stack = new RNN([new NestedCell(2, 3, 4, name: "pair"), new SimpleRNNCell(2)]);

        var error = Assert.Throws<InvalidOperationException>(() => stack.Apply(zeros(1, 2, 3)));

        Assert.Contains("Cell \"pair\"", error.Message);
        Assert.Contains("has 2 outputs (output_size [2, (3, 4)]), but the next cell in the stack reads one input", error.Message);
    }

    [Fact]
    public void BuiltInLayers_KeepTheirWeightsInTheirCell_NamedAsKeras()
    {
        var lstm = new LSTM(3);
        var gru = new GRU(2, resetAfter: true);
        lstm.Apply(zeros(1, 2, 5));
        gru.Apply(zeros(1, 2, 5));

        Assert.Equal("lstm_cell", lstm.Cell.Name);
        Assert.Equal("gru_cell", gru.Cell.Name);
        Assert.Same(lstm.Cell.Kernel, lstm.Kernel);
        Assert.Equal(["kernel", "recurrent_kernel", "bias"], lstm.Weights.Select(w => w.Name));
        Assert.Equal([new Shape(5, 12), new Shape(3, 12), new Shape(12)], lstm.Weights.Select(w => w.Shape));
        Assert.Equal(new Shape(2, 6), gru.Bias!.Shape);
        Assert.Equal("[3, 3]", lstm.StateSize.ToString());
        Assert.False(lstm.GetConfig().ContainsKey("cell"));
        Assert.Equal(true, lstm.GetConfig()["unit_forget_bias"]);
    }
}
