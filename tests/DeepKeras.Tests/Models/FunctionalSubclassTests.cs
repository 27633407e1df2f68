using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Models;

/// <summary>A <see cref="Model"/> subclass built functionally, <c>new CustomModel(inputs, outputs)</c>, as in Keras's custom train step guides (TestUtil/CustomModel.cs).</summary>
public sealed class FunctionalSubclassTests
{
    /// <summary>A two-input, two-output subclass taking lists (and the name, so a loaded copy keeps it).</summary>
    private sealed class TwoHeads(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs, string? name = null)
        : Model(inputs, outputs, name);

    private static CustomModel GuideModel(KerasGolden g)
    {
        Keras.Backend.ClearSession();
        var inputs = Keras.Input(shape: 32);
        var outputs = new Dense(1).Apply(inputs);
        var model = new CustomModel(inputs, outputs);
        model.Layers[1].SetWeights([g.Array("kernel"), g.Array("bias")]);
        return model;
    }

    private static double[] Values(System.Text.Json.Nodes.JsonNode node) => node.AsArray().Select(v => (double)v!).ToArray();

    [Fact]
    public void CustomModel_FitLogsKerasLossAndMae()
    {
        var g = KerasGolden.Case("modelapi_custom_step");
        var expected = g.Json("results");
        var model = GuideModel(g);
        model.Compile(optimizer: "adam", loss: "mse", metrics: ["mae"]);

        var history = model.Fit(g.Tensor("x"), g.Tensor("y"), batchSize: 16, epochs: 3, shuffle: false, verbose: 0);

        Assert.Equal(9, model.Steps);
        Assert.Equal(["loss", "mae"], history.HistoryData.Keys.Order());
        var loss = Values(expected["history"]!["loss"]!);
        var mae = Values(expected["history"]!["mae"]!);
        for (var e = 0; e < 3; e++)
        {
            Assert.Equal(loss[e], history["loss"][e], 1e-5);
            Assert.Equal(mae[e], history["mae"][e], 1e-5);
        }

        // Evaluate uses the inherited TestStep.
        var evaluated = model.Evaluate(g.Tensor("x"), g.Tensor("y"), batchSize: 16, verbose: 0);
        var expectedEval = Values(expected["evaluate"]!);
        Assert.Equal(["loss", "mae"], evaluated.Names);
        Assert.Equal(expectedEval[0], evaluated[0], 1e-5);
        Assert.Equal(expectedEval[1], evaluated[1], 1e-5);
        KerasGolden.AssertClose(g.Tensor("predictions"), model.PredictTensors(g.Tensor("x"))[0], 1e-5, "predictions");
    }

    [Fact]
    public void Summary_IsTheGraphsUnderTheSubclassName()
    {
        var g = KerasGolden.Case("modelapi_custom_step");
        var model = GuideModel(g);
        Assert.Equal("custom_model", model.Name);
        Assert.Equal("CustomModel", model.ClassName);
        var lines = new List<string>();
        model.Summary(lineLength: 88, printFn: lines.Add);
        Assert.Equal(g.Text("summary").TrimEnd('\n'), string.Join("\n", lines).TrimEnd('\n'));
    }

    [Fact]
    public void Config_IsFunctionalUnderTheSubclassName()
    {
        var g = KerasGolden.Case("modelapi_custom_step");
        var model = GuideModel(g);
        var serialized = Keras.Saving.SerializeKerasObject(model);
        Assert.Equal("CustomModel", serialized["class_name"]);
        var config = (Dictionary<string, object?>)serialized["config"]!;
        var keys = g.Json("config_keys").AsArray().Select(k => (string)k!).ToList();
        Assert.Equal(keys, config.Keys.Order(StringComparer.Ordinal).ToList());
        Assert.Equal("custom_model", config["name"]);
    }

    [Fact]
    public void KerasSavedCustomModel_LoadsAsTheSubclassWhenGiven()
    {
        var g = KerasGolden.Case("modelapi_custom_step");
        var path = g.File("model.keras");

        var loaded = Keras.Models.LoadModel(path, customObjects: new Dictionary<string, object> { ["CustomModel"] = typeof(CustomModel) });

        var custom = Assert.IsType<CustomModel>(loaded);
        Assert.Equal("custom_model", custom.Name);
        KerasGolden.AssertClose(g.Tensor("predictions"), custom.PredictTensors(g.Tensor("x"))[0], 1e-6, "predictions");
        Assert.True(custom.Compiled);
        custom.Fit(g.Tensor("x"), g.Tensor("y"), batchSize: 16, epochs: 1, verbose: 0);
        Assert.Equal(3, custom.Steps);
    }

    [Fact]
    public void KerasSavedCustomModel_WithoutTheClass_FailsNamingIt()
    {
        var g = KerasGolden.Case("modelapi_custom_step");
        var ex = Assert.ThrowsAny<Exception>(() => Keras.Models.LoadModel(g.File("model.keras")));
        Assert.Contains("CustomModel", ex.Message);
    }

    [Fact]
    public void SavedAndLoaded_KeepsTheSubclassAndWeights()
    {
        var a = Keras.Input(shape: 3, name: "a");
        var b = Keras.Input(shape: 2, name: "b");
        var merged = new Concatenate().Apply(a, b);
        var model = new TwoHeads([a, b], [new Dense(1, name: "head_x").Apply(merged), new Dense(2, name: "head_y").Apply(merged)]);
        Assert.Equal(2, model.Inputs.Count);
        Assert.Equal(["head_x", "head_y"], model.Outputs.Select(o => o.Layer.Name));
        var x = new[] { randn(4, 3), randn(4, 2) };
        var before = model.PredictTensors(x);
        var path = Path.Combine(Path.GetTempPath(), $"two_heads_{Guid.NewGuid():N}.keras");
        try
        {
            model.Save(path);
            var loaded = Keras.Models.LoadModel(path, customObjects: new Dictionary<string, object> { ["TwoHeads"] = typeof(TwoHeads) });
            Assert.IsType<TwoHeads>(loaded);
            Assert.Equal(model.Name, loaded.Name);
            var after = loaded.PredictTensors(x);
            KerasGolden.AssertClose(before[0], after[0], 0, "head_x");
            KerasGolden.AssertClose(before[1], after[1], 0, "head_y");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Constructor_InputNotFromKerasInput_Throws()
    {
        var h = new Dense(2).Apply(Keras.Input(shape: 3));
        var ex = Assert.Throws<ArgumentException>(() => new CustomModel(h, new Dense(1).Apply(h)));
        Assert.Contains("must come from `Keras.Input()`", ex.Message);
    }

    [Fact]
    public void SubclassedModelWithoutGraph_HasNoInputs()
    {
        var model = new NoGraph();
        var ex = Assert.Throws<InvalidOperationException>(() => model.Inputs);
        Assert.Contains("Model \"no_graph\" (NoGraph) has no defined inputs", ex.Message);
    }

    private sealed class NoGraph() : Model("no_graph")
    {
        protected override Tensor Call(Tensor inputs, bool training) => inputs;
    }
}
