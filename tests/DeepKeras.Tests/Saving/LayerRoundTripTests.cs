using System.Reflection;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Saving;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Saving;

/// <summary>Save → load → identical config, weights and predictions for every built-in layer type and factory.</summary>
public class LayerRoundTripTests
{
    private static void RoundTrip(string name, Model model, Tensor[] inputs, string dir)
    {
        var before = SavingTestUtil.Outputs(model, inputs);
        var json = model.ToJson();
        var file = Path.Combine(dir, $"{name}.keras");
        model.Save(file);
        var loaded = Keras.Models.LoadModel(file);
        Assert.Equal(model.GetType(), loaded.GetType());
        Assert.Equal(json, loaded.ToJson());
        SavingTestUtil.SameWeights(model, loaded);
        var after = SavingTestUtil.Outputs(loaded, inputs);
        Assert.Equal(before.Length, after.Length);
        for (var i = 0; i < before.Length; i++)
        {
            Assert.True(before[i].SequenceEqual(after[i]), $"{name}: output {i} differs after loading");
        }
    }

    [Fact]
    public void EveryLayerType_SavesAndLoadsExactly()
    {
        using var dir = new TempDir();
        foreach (var (name, model, inputs) in LayerZoo.Layers())
        {
            RoundTrip(name, model, inputs, dir.Path);
        }
    }

    [Fact]
    public void EveryStringLayer_InAStringInputModel_SavesAndLoadsExactly()
    {
        using var dir = new TempDir();
        foreach (var (name, model, inputs) in LayerZoo.StringInputs())
        {
            float[][] Outputs(Model m) => m.PredictTensors(ArrayLike.Many(inputs.Select(a => (ArrayLike)a).ToArray()), verbose: 0)
                .Select(t => t.to(float32).data<float>().ToArray()).ToArray();

            var before = Outputs(model);
            var json = model.ToJson();
            var file = Path.Combine(dir.Path, $"{name}.keras");
            model.Save(file);
            var loaded = Keras.Models.LoadModel(file);
            Assert.Equal(json, loaded.ToJson());
            SavingTestUtil.SameWeights(model, loaded);
            Assert.Equal(before, Outputs(loaded));
            Assert.Equal(inputs[0].GetLength(0), before[0].Length / 2);
        }
    }

    [Fact]
    public void EveryApplicationFactory_SavesAndLoadsExactly()
    {
        using var dir = new TempDir();
        foreach (var (name, model, inputs) in LayerZoo.Applications())
        {
            RoundTrip(name, model, inputs, dir.Path);
        }
    }

    [Fact]
    public void EveryPublicLayerClass_IsRegistered_AndCoveredByTheZoo()
    {
        var layerTypes = typeof(Layer).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && typeof(Layer).IsAssignableFrom(t) && !typeof(Model).IsAssignableFrom(t))
            .ToList();
        Assert.True(layerTypes.Count >= 45, $"found only {layerTypes.Count} layer classes");
        var unregistered = layerTypes.Where(t => ObjectRegistry.ForType(t) is null).Select(t => t.Name).ToList();
        Assert.True(unregistered.Count == 0, "not registered: " + string.Join(", ", unregistered));

        var covered = new HashSet<Type>();
        void Collect(Layer layer)
        {
            covered.Add(layer.GetType());
            foreach (var sub in layer.Sublayers)
            {
                Collect(sub);
            }
        }

        foreach (var model in LayerZoo.Layers().Select(z => z.Model).Concat(LayerZoo.StringInputs().Select(z => z.Model)))
        {
            Collect(model);
            if (model is Sequential { InputLayer: { } input })
            {
                covered.Add(input.GetType());
            }
        }

        // Lambda needs a registered function; RoundTripTests and NewProcessTests cover it.
        var missing = layerTypes.Where(t => !covered.Contains(t) && t != typeof(Lambda)).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, "not in the zoo: " + string.Join(", ", missing));
    }

    [Fact]
    public void Bidirectional_Config_NestsSerializedLayersAsKerasDoes()
    {
        var bi = new Bidirectional(new LSTM(3, returnSequences: true, name: "enc"), mergeMode: "ave", name: "bi");
        var config = (Dictionary<string, object?>)KerasSerializer.Serialize(bi)["config"]!;
        Assert.Equal("ave", config["merge_mode"]);
        var forward = (Dictionary<string, object?>)config["layer"]!;
        var backward = (Dictionary<string, object?>)config["backward_layer"]!;
        Assert.Equal(("keras.layers", "LSTM"), ((string)forward["module"]!, (string)forward["class_name"]!));
        Assert.Equal("forward_enc", ((Dictionary<string, object?>)forward["config"]!)["name"]);
        Assert.Equal("backward_enc", ((Dictionary<string, object?>)backward["config"]!)["name"]);
        Assert.Equal(true, ((Dictionary<string, object?>)backward["config"]!)["go_backwards"]);
    }

    [Fact]
    public void RecurrentWeights_AreSavedUnderTheCell_WrappersUnderTheirAttributes()
    {
        Keras.Utils.SetRandomSeed(9);
        var model = Keras.Sequential(Keras.Input(shape: (4, 2)), Keras.Layers.LSTM(3, returnSequences: true),
            Keras.Layers.Bidirectional(Keras.Layers.GRU(2, returnSequences: true)), Keras.Layers.TimeDistributed(Keras.Layers.Dense(1)),
            Keras.Layers.Flatten(), Keras.Layers.BatchNormalization());
        var paths = SaveableTree.Walk(model).Select(n => $"{n.VarsPath} {n.Name} [{string.Join(",", n.OwnVariables.Select(v => v.Name))}]").ToList();
        Assert.Equal(
            [
                $"vars {model.Name} []",
                $"layers/lstm/vars {model.Layers[0].Name} []",
                "layers/lstm/cell/vars lstm_cell [kernel,recurrent_kernel,bias]",
                $"layers/bidirectional/vars {model.Layers[1].Name} []",
                $"layers/bidirectional/forward_layer/vars {((Bidirectional)model.Layers[1]).ForwardLayer.Name} []",
                "layers/bidirectional/forward_layer/cell/vars gru_cell [kernel,recurrent_kernel,bias]",
                $"layers/bidirectional/backward_layer/vars {((Bidirectional)model.Layers[1]).BackwardLayer.Name} []",
                "layers/bidirectional/backward_layer/cell/vars gru_cell [kernel,recurrent_kernel,bias]",
                $"layers/time_distributed/vars {model.Layers[2].Name} []",
                $"layers/time_distributed/layer/vars {((TimeDistributed)model.Layers[2]).Layer.Name} [kernel,bias]",
                $"layers/flatten/vars {model.Layers[3].Name} []",
                $"layers/batch_normalization/vars {model.Layers[4].Name} [gamma,beta,moving_mean,moving_variance]",
            ],
            paths);
    }
}
