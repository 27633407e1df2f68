using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Saving;
using DeepKeras.Tests.TestUtil;

namespace DeepKeras.Tests.Saving;

/// <summary>
/// <c>Sequential.FromConfig</c>, <c>Model.FromConfig</c> and <c>Keras.Models.ModelFromConfig</c>: DeepKeras's own
/// configs round trip, and the configs Keras wrote (gen_config.py) become models with Keras's summary and config.
/// </summary>
public sealed class ModelFromConfigTests
{
    [Theory]
    [InlineData("config_sequential")]
    [InlineData("config_functional")]
    public void FromConfig_OfKerasModelConfig_HasKerasSummaryAndConfig(string name)
    {
        var g = KerasGolden.Case(name);
        var config = (Dictionary<string, object?>)KerasJson.Parse(File.ReadAllText(g.File("config.json")))!;
        Model model = name == "config_sequential" ? Sequential.FromConfig(config) : Model.FromConfig(config);
        Assert.IsType(name == "config_sequential" ? typeof(Sequential) : typeof(Functional), model);
        Assert.Equal(g.Text("summary").TrimEnd('\n'), SummaryText(model));
        ConfigDiff.AssertEqual(config, ConfigDiff.Json(model.GetConfig()), name);
    }

    [Theory]
    [InlineData("config_sequential")]
    [InlineData("config_functional")]
    public void ModelFromConfig_OfKerasSerializedModel_HasKerasSummary(string name)
    {
        var g = KerasGolden.Case(name);
        var serialized = (Dictionary<string, object?>)KerasJson.Parse(File.ReadAllText(g.File("serialized.json")))!;
        var model = Keras.Models.ModelFromConfig(serialized);
        Assert.Equal(g.Text("summary").TrimEnd('\n'), SummaryText(model));
        ConfigDiff.AssertEqual(serialized["config"], ConfigDiff.Json(model.GetConfig()), name);
    }

    [Fact]
    public void Sequential_FromConfig_GivesTheSameConfigAndNewWeights()
    {
        var model = Keras.Sequential(Keras.Input(shape: (6, 6, 2), name: "seq_rt_in"),
            new Conv2D(3, 3, activation: "relu", name: "seq_rt_conv"), new Flatten(name: "seq_rt_flat"),
            new Dense(2, kernelRegularizer: new DeepKeras.Regularizers.L2(0.1), name: "seq_rt_dense"));
        var copy = Sequential.FromConfig(model.GetConfig());
        ConfigDiff.AssertEqual(ConfigDiff.Json(model.GetConfig()), ConfigDiff.Json(copy.GetConfig()), "sequential");
        Assert.Equal(model.CountParams(), copy.CountParams());
        Assert.NotSame(model.Layers[0], copy.Layers[0]);
        Assert.False(model.Weights[0].Value.equal(copy.Weights[0].Value).all().item<bool>());
    }

    [Fact]
    public void Model_FromConfig_OfFunctionalConfig_KeepsSharedLayersAndNames()
    {
        var a = Keras.Input(shape: 4, name: "fn_rt_a");
        var shared = new Dense(4, activation: "tanh", name: "fn_rt_shared");
        var twice = shared.Apply(shared.Apply(a));
        var model = Keras.Model([a], [twice, new Dense(1, name: "fn_rt_head").Apply(twice)], name: "fn_rt");
        var copy = Functional.FromConfig(model.GetConfig());
        Assert.IsType<Functional>(copy);
        Assert.Equal("fn_rt", copy.Name);
        Assert.Equal(2, copy.GetLayer("fn_rt_shared").InboundNodes.Count);
        ConfigDiff.AssertEqual(ConfigDiff.Json(model.GetConfig()), ConfigDiff.Json(copy.GetConfig()), "functional");
    }

    [Fact]
    public void EveryZooModel_RoundTripsThroughFromConfig()
    {
        foreach (var (name, model, _) in LayerZoo.Layers().Concat(LayerZoo.Applications()))
        {
            var config = model.GetConfig();
            Assert.Null(ConfigDiff.FirstNonPlain(config, name));
            if (model is Sequential or Functional)
            {
                ConfigDiff.AssertEqual(ConfigDiff.Json(config), ConfigDiff.Json(Model.FromConfig(config).GetConfig()), name);
            }

            foreach (var layer in model.Layers.Where(l => l is not InputLayer))
            {
                var layerConfig = layer.GetConfig();
                Assert.Null(ConfigDiff.FirstNonPlain(layerConfig, $"{name}/{layer.Name}"));
                // FromConfig gives an unbuilt layer (as Keras's from_config), so wrapped layers lose their build_config.
                ConfigDiff.AssertEqual(ConfigDiff.WithoutBuildConfig(ConfigDiff.Json(layerConfig)),
                    ConfigDiff.WithoutBuildConfig(ConfigDiff.Json(Layer.FromConfig(layer.GetType(), layerConfig).GetConfig())), $"{name}/{layer.Name}");
            }
        }
    }

    [Fact]
    public void FromConfig_EditedConfig_ChangesTheLayer()
    {
        var config = new Dense(4, activation: "relu", name: "edit_me").GetConfig();
        config["units"] = 9;
        config["activation"] = "sigmoid";
        var wider = Layer.FromConfig<Dense>(config);
        Assert.Equal((9, "sigmoid", "edit_me"), (wider.Units, wider.Activation.Name, wider.Name));
    }

    [Fact]
    public void GetConfig_ReturnsCopies_SoEditingItLeavesTheLayerAlone()
    {
        var conv = new Conv2D(2, (3, 3), name: "copy_conv");
        var kernelSize = (int[])conv.GetConfig()["kernel_size"]!;
        kernelSize[0] = 7;
        Assert.Equal([3, 3], conv.KernelSize);
    }

    [Fact]
    public void FromConfig_BadInput_NamesTheProblem()
    {
        var missing = Assert.Throws<KerasFileException>(() => Layer.FromConfig<Dense>(new Dictionary<string, object?> { ["name"] = "no_units" }));
        Assert.Contains("layer 'no_units' (Dense): the config has no value for `units`, which Dense requires", missing.Message);

        var invalid = Assert.Throws<KerasFileException>(() => Layer.FromConfig<Dense>(new Dictionary<string, object?> { ["units"] = -2 }));
        Assert.Contains("units", invalid.Message);

        var notALayer = Assert.Throws<ArgumentException>(() => Layer.FromConfig(typeof(string), new Dictionary<string, object?>()));
        Assert.Contains("expects a non-abstract Layer class. Received: String", notALayer.Message);

        var notAModel = Assert.Throws<ArgumentException>(() => Model.FromConfig(new Dense(2).GetConfig()));
        Assert.Contains("expects the config of a Sequential or functional model", notAModel.Message);
    }

    private static string SummaryText(Model model)
    {
        var lines = new List<string>();
        model.Summary(lineLength: 88, printFn: lines.Add);
        return string.Join("\n", lines).TrimEnd('\n');
    }
}
