using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Rnn;

/// <summary>
/// Cells written in C# run in <see cref="RNN"/> and give Keras's outputs for Keras's weights: the docstring's
/// MinimalRNNCell and the guide's NestedCell (nested, multi-dimensional states; a nested output pair).
/// </summary>
public sealed class UserCellTests
{
    [Fact]
    public void MinimalRNNCell_WithKerasWeights_GivesKerasOutputs()
    {
        var g = KerasGolden.Case("rnncell_minimal");
        MinimalRNNCell.Register();
        var kerasModel = Keras.Models.LoadModel(g.File("model.keras"));
        var cell = new MinimalRNNCell(4);
        var model = new Sequential([Keras.Input(shape: (5, 3)), new RNN(cell, returnSequences: true)]);

        model.SetWeights(kerasModel.GetWeights());
        var y = model.PredictTensors(g.Tensor("x0"))[0];

        KerasGolden.AssertClose(g.Tensor("y0"), y, 1e-6, "sequence");
        Assert.Equal(["kernel", "recurrent_kernel"], model.Weights.Select(w => w.Name));
        Assert.Equal(4 * 3 + 4 * 4, model.CountParams());
    }

    [Fact]
    public void StackOfMinimalRNNCells_WithKerasWeights_GivesKerasOutputs()
    {
        var g = KerasGolden.Case("rnncell_minimal_stack");
        MinimalRNNCell.Register();
        var kerasModel = Keras.Models.LoadModel(g.File("model.keras"));
        var rnn = new RNN([new MinimalRNNCell(4), new MinimalRNNCell(3)]);
        var model = new Sequential([Keras.Input(shape: (5, 3)), rnn]);

        model.SetWeights(kerasModel.GetWeights());

        KerasGolden.AssertClose(g.Tensor("y0"), model.PredictTensors(g.Tensor("x0"))[0], 1e-6, "last output");
        Assert.Equal("[4, 3]", rnn.StateSize.ToString());
    }

    [Fact]
    public void NestedStates_BackwardsWithMask_GiveKerasSequenceAndStates()
    {
        var g = KerasGolden.Case("rnncell_nested");
        var cell = new NestedCell(2, 3, 4, nestedOutput: false);
        var rnn = new RNN(cell, returnSequences: true, returnState: true, goBackwards: true);
        rnn.Build(new Shape(null, 5, 3));
        cell.Kernel1!.Assign(g.Tensor("layer_kernel_1"));
        cell.Kernel23!.Assign(g.Tensor("layer_kernel_2_3"));

        var outputs = rnn.ApplyAll([g.Tensor("x")], mask: g.Tensor("mask").to_type(ScalarType.Bool));

        Assert.Equal(3, outputs.Length);
        KerasGolden.AssertClose(g.Tensor("layer_sequence"), outputs[0], 1e-6, "sequence");
        KerasGolden.AssertClose(g.Tensor("layer_state_1"), outputs[1], 1e-6, "state (batch, 2)");
        KerasGolden.AssertClose(g.Tensor("layer_state_2_3"), outputs[2], 1e-6, "state (batch, 3, 4)");
        Assert.Equal("[2, (3, 4)]", rnn.StateSize.ToString());
    }

    [Fact]
    public void NestedOutputPair_GivesKerasStepLoopResults()
    {
        var g = KerasGolden.Case("rnncell_nested");
        var cell = new NestedCell(2, 3, 4);
        var sequences = new RNN(cell, returnSequences: true, returnState: true);
        var last = new RNN(cell, returnState: true);
        sequences.Build(new Shape(null, 5, 3));
        cell.Kernel1!.Assign(g.Tensor("loop_kernel_1"));
        cell.Kernel23!.Assign(g.Tensor("loop_kernel_2_3"));
        var mask = g.Tensor("mask").to_type(ScalarType.Bool);

        var all = sequences.ApplyAll([g.Tensor("x")], mask);
        var final = last.ApplyAll([g.Tensor("x")], mask);

        string[] expected = ["loop_sequence_1", "loop_sequence_2_3", "loop_state_1", "loop_state_2_3"];
        Assert.Equal(expected.Length, all.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            KerasGolden.AssertClose(g.Tensor(expected[i]), all[i], 1e-6, expected[i]);
        }

        KerasGolden.AssertClose(g.Tensor("loop_last_1"), final[0], 1e-6, "last output_1");
        KerasGolden.AssertClose(g.Tensor("loop_last_2_3"), final[1], 1e-6, "last output_2_3");
    }

    [Fact]
    public void NestedCell_InAFunctionalModel_HasOneOutputPerLeaf()
    {
        var input = Keras.Input(shape: (7, 3));
        var outputs = new RNN(new NestedCell(2, 3, 4), returnSequences: true, returnState: true).ApplySymbolic([input]);

        Assert.Equal(
            ["(None, 7, 2)", "(None, 7, 3, 4)", "(None, 2)", "(None, 3, 4)"],
            outputs.Select(o => o.Shape.ToString()));
        var model = new Functional([input], outputs);
        var y = model.PredictTensors(randn(5, 7, 3));
        Assert.Equal([5L, 7, 3, 4], y[1].shape);
        Assert.Equal(3 * 2 + 3 * 3 * 4, model.CountParams());
    }

    [Fact]
    public void CellApply_RunsOneStep()
    {
        var cell = new MinimalRNNCell(2);
        var x = ones(3, 4);

        var step = cell.Apply(x, [zeros(3, 2)]);

        Assert.True(cell.Built);
        Assert.Equal([3L, 2], step.Output.shape);
        Assert.Same(step.Output, step.States[0]);
        var error = Assert.Throws<ArgumentException>(() => cell.Apply(x, [zeros(3, 2), zeros(3, 2)]));
        Assert.Contains("has state_size 2 (1 state tensor(s)), but it received 2", error.Message);
    }
}
