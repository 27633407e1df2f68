using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Saving;

/// <summary><c>Keras.Models.CloneModel</c> (Keras <c>clone_model</c>): same architecture, new layers and weights.</summary>
public sealed class CloneModelTests
{
    [Fact]
    public void EveryZooModel_CloneHasTheSameConfigAndOwnWeights()
    {
        foreach (var (name, model, inputs) in LayerZoo.Layers().Concat(LayerZoo.Applications()))
        {
            var clone = Keras.Models.CloneModel(model);
            Assert.Equal(model.GetType(), clone.GetType());
            ConfigDiff.AssertEqual(ConfigDiff.Json(model.GetConfig()), ConfigDiff.Json(clone.GetConfig()), name);
            Assert.Equal(model.CountParams(), clone.CountParams());
            Assert.Empty(clone.Weights.Select(w => w.Value.Handle).Intersect(model.Weights.Select(w => w.Value.Handle)));
            Assert.Equal(model.Forward(inputs, training: false).Length, clone.Forward(inputs, training: false).Length);
        }
    }

    [Fact]
    public void Clone_OfFunctionalModel_KeepsSharedLayerShared()
    {
        var a = Keras.Input(shape: 3, name: "clone_sh_in");
        var shared = new Dense(3, name: "clone_sh_dense");
        var model = Keras.Model(a, shared.Apply(shared.Apply(a)), name: "clone_sh");
        var clone = (Functional)Keras.Models.CloneModel(model);
        var clonedShared = clone.GetLayer("clone_sh_dense");
        Assert.NotSame(shared, clonedShared);
        Assert.Equal(2, clonedShared.InboundNodes.Count);
        Assert.Equal(12, clone.CountParams());
    }

    [Fact]
    public void Clone_WithCloneFunction_UsesItsLayers()
    {
        var model = Keras.Sequential(Keras.Input(shape: 4, name: "cf_in"), new Dense(5, name: "cf_d1"), new Dropout(0.2, seed: 1, name: "cf_drop"),
            new Dense(2, name: "cf_d2"));
        var clone = (Sequential)Keras.Models.CloneModel(model, cloneFunction: layer =>
        {
            var config = layer.GetConfig();
            if (config.ContainsKey("seed"))
            {
                config["seed"] = 1337;
            }

            config["trainable"] = layer is not Dense { Units: 5 };
            return Layer.FromConfig(layer.GetType(), config);
        });
        Assert.Equal(1337, ((Dropout)clone.GetLayer("cf_drop")).Seed);
        Assert.False(clone.GetLayer("cf_d1").Trainable);
        Assert.True(clone.GetLayer("cf_d2").Trainable);
        Assert.Equal("cf_in", clone.InputLayer!.Name);

        var shared = Keras.Models.CloneModel(model, cloneFunction: layer => layer);
        Assert.Same(model.Layers[0], shared.Layers[0]);
    }

    [Fact]
    public void Clone_WithInputTensors_BuildsOnThem()
    {
        var model = Keras.Sequential(Keras.Input(shape: 4, name: "it_in"), new Dense(3, name: "it_dense"));
        var newInput = Keras.Input(shape: 4, batchSize: 8, name: "it_new_in");
        var clone = (Sequential)Keras.Models.CloneModel(model, inputTensors: [newInput]);
        Assert.Same(newInput.Layer, clone.InputLayer);
        Assert.Equal(new Shape(8, 4), clone.BatchInputShape);

        var a = Keras.Input(shape: 2, name: "it_fa");
        var functional = Keras.Model(a, new Dense(1, name: "it_fd").Apply(a), name: "it_f");
        var b = Keras.Input(shape: 2, name: "it_fb");
        var fclone = (Functional)Keras.Models.CloneModel(functional, inputTensors: [b]);
        Assert.Same(b, fclone.Inputs[0]);

        var wrong = Assert.Throws<ArgumentException>(() => Keras.Models.CloneModel(functional, inputTensors: [a, b]));
        Assert.Contains("expected 1 tensor(s), received 2", wrong.Message);
        var notInput = Assert.Throws<ArgumentException>(() => Keras.Models.CloneModel(model, inputTensors: [new Dense(4).Apply(b)]));
        Assert.Contains("must be a tensor from `Keras.Input()`", notInput.Message);
    }

    [Fact]
    public void Clone_WithCallFunction_InsertsLayers()
    {
        var a = Keras.Input(shape: 4, name: "call_in");
        var model = Keras.Model(a, new Dense(2, name: "call_out").Apply(new Dense(3, name: "call_hidden").Apply(a)), name: "call_model");
        var clone = (Functional)Keras.Models.CloneModel(model, callFunction: (layer, inputs) =>
        {
            var outputs = layer.ApplySymbolic(inputs);
            return layer is Dense { Units: 3 } ? [new Dropout(0.5, name: "call_drop").Apply(outputs[0])] : outputs;
        });
        Assert.Equal(["call_in", "call_hidden", "call_drop", "call_out"], clone.Layers.Select(l => l.Name));

        var seq = Keras.Sequential(Keras.Input(shape: 4), new Dense(1));
        var error = Assert.Throws<ArgumentException>(() => Keras.Models.CloneModel(seq, callFunction: (l, x) => l.ApplySymbolic(x)));
        Assert.Contains("`callFunction` argument is not supported with Sequential models", error.Message);
    }

    [Fact]
    public void Clone_Recursive_ClonesInnerModelsLayerByLayer()
    {
        var inner = Keras.Sequential("rec_inner", Keras.Input(shape: 3, name: "rec_inner_in"), new Dense(3, name: "rec_inner_dense"));
        var x = Keras.Input(shape: 3, name: "rec_in");
        var outer = Keras.Model(x, new Dense(1, name: "rec_head").Apply(inner.Apply(x)), name: "rec_outer");
        var seen = new List<string>();
        var clone = (Functional)Keras.Models.CloneModel(outer, cloneFunction: layer =>
        {
            seen.Add(layer.Name);
            return Layer.FromConfig(layer.GetType(), layer.GetConfig());
        }, recursive: true);
        Assert.Equal(["rec_inner_dense", "rec_head"], seen);
        var innerClone = (Sequential)clone.GetLayer("rec_inner");
        Assert.NotSame(inner, innerClone);
        ConfigDiff.AssertEqual(ConfigDiff.Json(outer.GetConfig()), ConfigDiff.Json(clone.GetConfig()), "recursive");
    }

    [Fact]
    public void Clone_OfCompiledModel_IsCompiledTheSameWay()
    {
        var model = Keras.Sequential(Keras.Input(shape: 3), new Dense(2, activation: "softmax"));
        model.Compile(optimizer: new DeepKeras.Optimizers.Adam(0.01), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var clone = Keras.Models.CloneModel(model);
        Assert.True(clone.Compiled);
        Assert.Equal(0.01, ((DeepKeras.Optimizers.Adam)clone.Optimizer!).LearningRate, 9);
        var history = clone.Fit(randn(8, 3), tensor(new float[] { 0, 1, 0, 1, 0, 1, 0, 1 }), batchSize: 4, epochs: 1, verbose: 0);
        Assert.Contains("accuracy", history.HistoryData.Keys);
    }
}
