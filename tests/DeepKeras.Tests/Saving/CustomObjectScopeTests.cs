using DeepKeras.Layers;
using DeepKeras.Saving;
using DeepKeras.Tests.TestUtil;

namespace DeepKeras.Tests.Saving;

/// <summary>
/// <c>Keras.Saving.CustomObjectScope</c>, <c>GetCustomObjects()</c>, and how custom objects are serialized (compared
/// with what Keras writes for a registered layer, an unregistered one and a registered function).
/// </summary>
public sealed class CustomObjectScopeTests
{
    [Fact]
    public void Scope_MakesAnUnregisteredLayerResolvable_OnlyWhileOpen()
    {
        var config = new ConfigTestObjects.ScopedOnly(4, name: "scoped").GetConfig();
        var serialized = Keras.Saving.SerializeKerasObject(new ConfigTestObjects.ScopedOnly(4, name: "scoped"));
        var model = Keras.Sequential(Keras.Input(shape: 2), new ConfigTestObjects.ScopedOnly(3, name: "scoped_in_model"));

        var before = Assert.Throws<KerasFileException>(() => Keras.Saving.DeserializeKerasObject<Layer>(serialized));
        Assert.Contains("could not locate class 'ScopedOnly'", before.Message);
        using (Keras.Saving.CustomObjectScope(new Dictionary<string, object> { ["ScopedOnly"] = typeof(ConfigTestObjects.ScopedOnly) }))
        {
            var layer = Assert.IsType<ConfigTestObjects.ScopedOnly>(Keras.Saving.DeserializeKerasObject<Layer>(serialized));
            Assert.Equal(4, layer.K);
            Assert.Equal(3, ((ConfigTestObjects.ScopedOnly)Keras.Models.ModelFromJson(model.ToJson()).Layers[0]).K);
            Assert.Equal(3, ((ConfigTestObjects.ScopedOnly)Keras.Models.CloneModel(model).Layers[0]).K);
            Assert.Equal(4, Layer.FromConfig<ConfigTestObjects.ScopedOnly>(config).K);
        }

        var after = Assert.Throws<KerasFileException>(() => Keras.Models.ModelFromJson(model.ToJson()));
        Assert.Contains("could not locate class 'ScopedOnly'", after.Message);
    }

    [Fact]
    public void Scope_FunctionsResolveInside_AndAnInnerScopeReplacesTheOuter()
    {
        Func<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> negate = x => -x;
        var config = new Dictionary<string, object?> { ["name"] = "neg", ["units"] = 2L, ["activation"] = "scope_negate" };
        Assert.Throws<KerasFileException>(() => Layer.FromConfig<Dense>(config));
        using (Keras.Saving.CustomObjectScope(new Dictionary<string, object> { ["scope_negate"] = negate }))
        {
            Assert.Equal("scope_negate", Layer.FromConfig<Dense>(config).Activation.Name);
            using (Keras.Saving.CustomObjectScope(new Dictionary<string, object> { ["other"] = negate }))
            {
                // Keras: a scope replaces the enclosing scope's objects.
                Assert.Throws<KerasFileException>(() => Layer.FromConfig<Dense>(config));
            }

            Assert.Equal("scope_negate", Layer.FromConfig<Dense>(config).Activation.Name);
        }

        Assert.Throws<KerasFileException>(() => Layer.FromConfig<Dense>(config));
    }

    [Fact]
    public void Scope_RefusesValuesThatAreNotCustomObjects()
    {
        var e = Assert.Throws<ArgumentException>(() => Keras.Saving.CustomObjectScope(new Dictionary<string, object> { ["bad"] = "text" }));
        Assert.Contains("Custom object 'bad' must be a Layer, Model, Initializer", e.Message);
        Assert.Contains("Received: String", e.Message);
        Assert.Throws<ArgumentException>(() => Keras.Saving.CustomObjectScope(new Dictionary<string, object> { ["abstract"] = typeof(Layer) }));
    }

    [Fact]
    public void GetCustomObjects_ShowsRegistrations_AndIsLive()
    {
        ConfigTestObjects.EnsureRegistered();
        var custom = Keras.Saving.GetCustomObjects();
        Assert.Same(ConfigTestObjects.DoubleIt, custom["config_tests>double_it"]);
        Assert.Equal(typeof(ConfigTestObjects.ConfigScale), custom["config_tests>ConfigScale"]);
        Assert.DoesNotContain(custom.Keys, k => k is "Dense" or "GlorotUniform");

        var serialized = Keras.Saving.SerializeKerasObject(new ConfigTestObjects.LiveOnly(name: "live"));
        Assert.Throws<KerasFileException>(() => Keras.Saving.DeserializeKerasObject<Layer>(serialized));
        custom["LiveOnly"] = typeof(ConfigTestObjects.LiveOnly);
        Assert.Equal(typeof(ConfigTestObjects.LiveOnly), Keras.Saving.GetCustomObjects()["LiveOnly"]);
        Assert.IsType<ConfigTestObjects.LiveOnly>(Keras.Saving.DeserializeKerasObject<Layer>(serialized));
        Assert.True(custom.Remove("LiveOnly"));
        Assert.False(custom.ContainsKey("LiveOnly"));
        Assert.Throws<KerasFileException>(() => Keras.Saving.DeserializeKerasObject<Layer>(serialized));

        var wrong = Assert.Throws<ArgumentException>(() => custom["nope"] = 3);
        Assert.Contains("Custom object 'nope' must be", wrong.Message);
    }

    [Fact]
    public void CustomObjects_SerializeAsKerasWritesThem()
    {
        ConfigTestObjects.EnsureRegistered();
        var golden = (Dictionary<string, object?>)KerasJson.Parse(File.ReadAllText(KerasGolden.Case("config_layers").File("serialized.json")))!;
        ConfigDiff.AssertEqual(golden["registered_layer"], ConfigDiff.Json(Keras.Saving.SerializeKerasObject(new ConfigTestObjects.ConfigScale(2.5, name: "scale"))),
            "registered_layer");
        ConfigDiff.AssertEqual(golden["unregistered_layer"], ConfigDiff.Json(Keras.Saving.SerializeKerasObject(new ConfigTestObjects.Unregistered(3, name: "unreg"))),
            "unregistered_layer");
        ConfigDiff.AssertEqual(golden["registered_function"], ConfigDiff.Json(Keras.Saving.SerializeKerasObject(ConfigTestObjects.DoubleIt)),
            "registered_function");

        var keysKerasRegistered = (List<object?>)KerasJson.Parse(File.ReadAllText(KerasGolden.Case("config_layers").File("custom_objects.json")))!;
        Assert.All(keysKerasRegistered, k => Assert.Contains((string)k!, Keras.Saving.GetCustomObjects().Keys));
    }

    [Fact]
    public void CustomLayer_RoundTripsFromKerasSerializedForm()
    {
        ConfigTestObjects.EnsureRegistered();
        var golden = (Dictionary<string, object?>)KerasJson.Parse(File.ReadAllText(KerasGolden.Case("config_layers").File("serialized.json")))!;
        var scale = Assert.IsType<ConfigTestObjects.ConfigScale>(Keras.Saving.DeserializeKerasObject<Layer>(golden["registered_layer"]!));
        Assert.Equal((2.5, "scale"), (scale.Factor, scale.Name));
        var unregistered = Keras.Saving.DeserializeKerasObject<Layer>(golden["unregistered_layer"]!,
            new Dictionary<string, object> { ["Unregistered"] = typeof(ConfigTestObjects.Unregistered) });
        Assert.Equal(3, Assert.IsType<ConfigTestObjects.Unregistered>(unregistered).K);
    }
}
