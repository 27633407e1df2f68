using DeepKeras.Callbacks;
using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Saving;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Models;

/// <summary>
/// <c>Compile(weightedMetrics:)</c> against Keras 3.15.1 (gen_weighted_metrics.py): weighted metrics follow the sample
/// weights while plain ones do not, a weighted metric whose name a plain one took is logged as <c>weighted_mae</c>,
/// the dictionary form per output, History and Evaluate values and the saved <c>compile_config</c>.
/// </summary>
public sealed class WeightedMetricsGoldenTests
{
    private const double Tolerance = 1e-5;

    private static Sequential Single(KerasGolden g)
    {
        var model = new Sequential(Keras.Input(shape: 4), new Dense(3, activation: "tanh"), new Dense(1));
        model.SetWeights(Enumerable.Range(0, 4).Select(i => g.Array($"w{i}")).ToList());
        model.Compile(optimizer: new SGD(0.05), loss: "mse", metrics: ["mae"], weightedMetrics: ["mae", "mse"]);
        return model;
    }

    private static Functional TwoOutputs(KerasGolden g)
    {
        var inputs = Keras.Input(shape: 4, name: "x");
        var hidden = new Dense(3, activation: "tanh", name: "hidden").Apply(inputs);
        var a = new Dense(2, name: "a").Apply(hidden);
        var b = new Dense(1, name: "b").Apply(hidden);
        var model = Keras.Model(inputs, new Dictionary<string, KerasTensor> { ["a"] = a, ["b"] = b });
        model.SetWeights(Enumerable.Range(0, 6).Select(i => g.Array($"w{i}")).ToList());
        model.Compile(optimizer: new SGD(0.05), loss: new Dictionary<string, DeepKeras.Losses.Loss?> { ["a"] = "mse", ["b"] = "mae" },
            metrics: new Dictionary<string, MetricsArg?> { ["a"] = new[] { "mae" } },
            weightedMetrics: new Dictionary<string, MetricsArg?> { ["a"] = new[] { "mae" }, ["b"] = new[] { "mse", "mae" } });
        return model;
    }

    [Fact]
    public void SingleOutput_FitAndEvaluate_WeightOnlyTheWeightedMetrics_AsKeras()
    {
        var g = KerasGolden.Case("weighted_metrics_single");
        var model = Single(g);

        var history = model.Fit(g.Tensor("x"), g.Tensor("y_y"), batchSize: 4, epochs: 2, shuffle: false, verbose: 0, sampleWeight: g.Tensor("sample_weight"));
        var result = model.Evaluate(g.Tensor("x"), g.Tensor("y_y"), batchSize: 5, verbose: 0, sampleWeight: g.Tensor("sample_weight"));

        AssertMatches(g, history, result);
        Assert.Equal(["loss", "mae", "mae", "mse"], model.Metrics.Select(m => m.CompiledName ?? m.Name));
        Assert.Equal(["loss", "mae", "weighted_mae", "mse"], model.MetricsNames);
    }

    [Fact]
    public void DictionaryForms_PerOutput_FitAndEvaluate_AsKeras()
    {
        var g = KerasGolden.Case("weighted_metrics_dict");
        var model = TwoOutputs(g);
        var y = new Dictionary<string, ArrayLike> { ["a"] = g.Tensor("y_a"), ["b"] = g.Tensor("y_b") };

        var history = model.Fit(g.Tensor("x"), y, batchSize: 4, epochs: 2, shuffle: false, verbose: 0, sampleWeight: g.Tensor("sample_weight"));
        var result = model.Evaluate(g.Tensor("x"), y, batchSize: 5, verbose: 0, sampleWeight: g.Tensor("sample_weight"));

        AssertMatches(g, history, result);
    }

    [Fact]
    public void WeightedMetric_WithUnitWeights_EqualsThePlainOne()
    {
        var g = KerasGolden.Case("weighted_metrics_single");
        var model = Single(g);

        var result = model.Evaluate(g.Tensor("x"), g.Tensor("y_y"), batchSize: 5, verbose: 0, sampleWeight: ones(12));

        Assert.Equal(result["mae"], result["weighted_mae"], 1e-6);
    }

    [Theory]
    [InlineData("weighted_metrics_single")]
    [InlineData("weighted_metrics_dict")]
    public void CompileConfig_IsKerasAndReloads(string name)
    {
        var g = KerasGolden.Case(name);
        Model model = name.EndsWith("single") ? Single(g) : TwoOutputs(g);
        var expected = g.Json("results")["compile_config"]!;

        var config = CompileConfig.Get(model);

        foreach (var key in new[] { "metrics", "weighted_metrics", "loss" })
        {
            ConfigDiff.AssertEqual(KerasJson.Parse(expected[key]!.ToJsonString()), ConfigDiff.Json(config[key]), key);
        }

        using var dir = new DeepKeras.Tests.Saving.TempDir();
        model.Save(dir.File("m.keras"));
        using var loaded = Keras.Models.LoadModel(dir.File("m.keras"));
        Assert.Equal(model.MetricsNames, loaded.MetricsNames);
    }

    [Fact]
    public void WeightedMetrics_ListOfWrongLength_NamesTheArgumentAndTheOutputs()
    {
        var g = KerasGolden.Case("weighted_metrics_dict");
        var model = TwoOutputs(g);

        var e = Assert.Throws<ArgumentException>(() => model.Compile(optimizer: new SGD(0.05), loss: "mse", weightedMetrics: MetricsArg.Create(["mae", "mse", "mae"])));

        Assert.Equal("weightedMetrics", e.ParamName);
        Assert.Contains("Invalid `weighted_metrics` for model", e.Message);
        Assert.Contains("['a', 'b']", e.Message);
    }

    private static void AssertMatches(KerasGolden g, History history, EvaluateResult result)
    {
        var expected = g.Json("results");
        var keys = expected["history_keys"]!.AsArray().Select(k => (string)k!).ToList();
        Assert.Equal(keys, history.HistoryData.Keys.Order(StringComparer.Ordinal));
        foreach (var key in keys)
        {
            var values = expected["history"]![key]!.AsArray().Select(v => (double)v!).ToArray();
            Assert.Equal(values.Length, history[key].Count);
            for (var i = 0; i < values.Length; i++)
            {
                Assert.True(Math.Abs(values[i] - history[key][i]) <= Tolerance * Math.Max(1, Math.Abs(values[i])),
                    $"{key}[{i}]: Keras {values[i]}, DeepKeras {history[key][i]}");
            }
        }

        var evaluated = expected["evaluate_dict"]!.AsObject();
        Assert.Equal(evaluated.Select(kv => kv.Key).Order(StringComparer.Ordinal), result.Names.Order(StringComparer.Ordinal));
        foreach (var (key, value) in evaluated)
        {
            Assert.True(Math.Abs((double)value! - result[key]) <= Tolerance, $"evaluate {key}: Keras {value}, DeepKeras {result[key]}");
        }

        Assert.Equal((double)expected["evaluate_list"]![0]!, result.Loss, Tolerance);
    }
}
