using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Saving;

namespace DeepKeras.Tests.Saving;

/// <summary>
/// Legacy Keras .h5 weight files, written by h5py in Keras's layouts (tests/scripts/make_legacy_h5.py). Their values:
/// kernel[i, j] = base + 0.5·(i·cols + j) (base 1 for the (3, 4) kernel, −2 for the (4, 2) one), bias[j] = −j.
/// </summary>
public class LegacyWeightsTests
{
    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Saving", "Data", name);

    private static Sequential Model() => new([Keras.Input(shape: 3), new Dense(4), new Dropout(0.5), new Dense(2)]);

    private static void AssertLegacyValues(Sequential model)
    {
        var w = model.GetWeights();
        Assert.Equal(Enumerable.Range(0, 12).Select(k => 1f + 0.5f * k), w[0].ToArray<float>());
        Assert.Equal(new[] { 0f, -1f, -2f, -3f }, w[1].ToArray<float>());
        Assert.Equal(Enumerable.Range(0, 8).Select(k => -2f + 0.5f * k), w[2].ToArray<float>());
        Assert.Equal(new[] { 0f, -1f }, w[3].ToArray<float>());
    }

    [Fact]
    public void Keras2ModelFile_LoadsByTopologyFromModelWeights()
    {
        var model = Model();
        model.LoadWeights(Data("legacy_k2_model.h5"));
        AssertLegacyValues(model);
    }

    [Fact]
    public void RootLevelWeights_WithSplitLayerNames()
    {
        var model = Model();
        model.LoadWeights(Data("legacy_root_weights.h5"));
        AssertLegacyValues(model);
    }

    [Fact]
    public void LayerCountMismatch_UsesKerasMessage()
    {
        var model = new Sequential([Keras.Input(shape: 3), new Dense(4), new Dense(4), new Dense(2)]);
        var e = Assert.Throws<KerasFileException>(() => model.LoadWeights(Data("legacy_k2_model.h5")));
        Assert.Contains("Layer count mismatch when loading weights from file. Model expected 3 layers, found 2 saved layers.", e.Message);
    }

    [Fact]
    public void ShapeMismatch_FailsOrSkips()
    {
        var model = new Sequential([Keras.Input(shape: 3), new Dense(4), new Dense(5)]);
        var before = model.GetWeights()[2].ToArray<float>();
        var e = Assert.Throws<KerasFileException>(() => model.LoadWeights(Data("legacy_k2_model.h5")));
        Assert.Contains("the model expects (4, 5), the file has (4, 2)", e.Message);
        Assert.Equal(before, model.GetWeights()[2].ToArray<float>());

        var warnings = Callbacks.CallbackTestUtil.CaptureConsole(() => model.LoadWeights(Data("legacy_k2_model.h5"), skipMismatch: true), stderr: true);
        Assert.Contains("Skipping loading weights for layer #1", warnings);
        Assert.Equal(Enumerable.Range(0, 12).Select(k => 1f + 0.5f * k), model.GetWeights()[0].ToArray<float>());
    }
}
