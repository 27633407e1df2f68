using System.Text.Json.Nodes;
using DeepKeras.Saving;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Golden;

/// <summary>
/// Keras-saved models whose convolutions (plain, separable, depthwise, transposed), Dense, Embedding, LSTM, GRU,
/// SimpleRNN, BatchNormalization and LayerNormalization carry weight regularizers, activity regularizers and
/// constraints: they load with them, their penalties and configs equal Keras's, and 2 training steps on Keras's batch
/// give Keras's losses and weights (constraints applied after each optimizer step).
/// </summary>
public sealed class RegConstraintGoldenTests
{
    public static TheoryData<string> Cases => ["regconstraint_cnn", "regconstraint_lstm", "regconstraint_simplernn"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void KerasModel_TrainsTwoSteps_ToKerasWeightsAndLosses(string name)
    {
        var g = KerasGolden.Case(name);
        using var model = Keras.Models.LoadModel(g.File("model.keras"));
        var expectedLosses = g.Array("losses").ToArray<float>();
        for (var step = 0; step < 2; step++)
        {
            var loss = model.TrainOnBatch(g.Array("x"), g.Array("y")).Loss;
            Assert.True(Math.Abs(expectedLosses[step] - loss) <= 1e-5 * Math.Max(1, Math.Abs(expectedLosses[step])),
                $"{name} step {step + 1}: Keras loss {expectedLosses[step]}, DeepKeras {loss}");
        }

        var names = g.Json("weight_names").AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(names.Count, model.Weights.Count);
        for (var i = 0; i < names.Count; i++)
        {
            Assert.EndsWith(model.Weights[i].Path, names[i], StringComparison.Ordinal);
            using var scope = NewDisposeScope();
            KerasGolden.AssertClose(g.Tensor($"w{i}"), model.Weights[i].Value, 1e-5, $"{name} {names[i]} after 2 steps");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void KerasModel_WeightPenalties_EqualKeras(string name)
    {
        var g = KerasGolden.Case(name);
        using var model = Keras.Models.LoadModel(g.File("model.keras"));
        using var scope = NewDisposeScope();
        var losses = model.Losses;
        var expected = g.Array("weight_reg_losses").ToArray<float>();
        Assert.Equal(expected.Length, losses.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], losses[i].item<float>(), 1e-6);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void KerasModel_LoadsRegularizersAndConstraints_AndSavesKerasConfigs(string name)
    {
        var g = KerasGolden.Case(name);
        using var model = Keras.Models.LoadModel(g.File("model.keras"));
        var keras = (Dictionary<string, object?>)KerasJson.Parse(g.Json("layers").ToJsonString())!;
        var checkedKeys = 0;
        foreach (var layer in model.Layers)
        {
            var expected = (Dictionary<string, object?>)keras[layer.Name]!;
            var actual = (Dictionary<string, object?>)ConfigDiff.Json(layer.GetConfig())!;
            var keys = expected.Keys.Where(k => k.EndsWith("_regularizer", StringComparison.Ordinal) || k.EndsWith("_constraint", StringComparison.Ordinal)).ToList();
            checkedKeys += keys.Count(k => expected[k] is not null);
            ConfigDiff.AssertEqual(
                keys.ToDictionary(k => k, k => expected[k]),
                keys.ToDictionary(k => k, k => actual.GetValueOrDefault(k)),
                $"{name}.{layer.Name}");
        }

        Assert.True(checkedKeys >= 3, $"{name}: only {checkedKeys} regularizers/constraints set");
    }

    [Fact]
    public void DeepKerasSavedModel_KeepsRegularizersAndConstraints()
    {
        var g = KerasGolden.Case("regconstraint_cnn");
        using var model = Keras.Models.LoadModel(g.File("model.keras"));
        var path = Path.Combine(Path.GetTempPath(), $"regconstraint_{Guid.NewGuid():N}.keras");
        try
        {
            model.Save(path);
            using var again = Keras.Models.LoadModel(path);
            var conv = (global::DeepKeras.Layers.Conv2D)again.GetLayer("conv");
            Assert.Equal(3.0, Assert.IsType<DeepKeras.Constraints.MaxNorm>(conv.KernelConstraint).MaxValue);
            Assert.IsType<DeepKeras.Constraints.NonNeg>(conv.BiasConstraint);
            Assert.Equal(0.01, Assert.IsType<global::DeepKeras.Regularizers.L2>(conv.KernelRegularizer).Factor);
            Assert.Equal(0.001, Assert.IsType<global::DeepKeras.Regularizers.L2>(conv.ActivityRegularizer).Factor);
            var sep = (global::DeepKeras.Layers.SeparableConv2D)again.GetLayer("sep");
            Assert.Equal([0, 1], Assert.IsType<DeepKeras.Constraints.UnitNorm>(sep.DepthwiseConstraint).Axis);
            Assert.Equal([0, 1, 2], Assert.IsType<DeepKeras.Constraints.MaxNorm>(sep.PointwiseConstraint).Axis);
            Assert.Same(sep.DepthwiseConstraint, sep.DepthwiseKernel!.Constraint);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
