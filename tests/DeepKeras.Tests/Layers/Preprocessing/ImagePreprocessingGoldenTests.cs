using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Tests.Layers.Golden;
using DeepKeras.Tests.Saving;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Preprocessing;

/// <summary>
/// The image preprocessing and augmentation layers against Keras 3.15.1 (torch backend; scripts/keras-golden/gen_imageprep.py,
/// cases imageprep_*): Keras-saved models load and predict Keras's inference outputs, the layers serialize as Keras's, a
/// DeepKeras-saved copy loads back, and the random layers built with Keras's seed give Keras's training outputs call
/// after call (DeepKeras's SeedGenerator draws Keras's sequence: seed + k for the k-th draw).
/// </summary>
public sealed class ImagePreprocessingGoldenTests
{
    /// <summary>The layer of each case with the generator's arguments (and the name Keras gave it).</summary>
    private static readonly Dictionary<string, Func<Layer>> Built = new()
    {
        ["imageprep_resizing"] = () => Keras.Layers.Resizing(3, 4, name: "resizing"),
        ["imageprep_center_crop"] = () => Keras.Layers.CenterCrop(3, 4, name: "center_crop"),
        ["imageprep_random_flip"] = () => Keras.Layers.RandomFlip(seed: 1337, name: "random_flip"),
        ["imageprep_random_rotation"] = () => Keras.Layers.RandomRotation(0.2, seed: 42, name: "random_rotation"),
        ["imageprep_random_zoom"] = () => Keras.Layers.RandomZoom((-0.3, 0.2), widthFactor: 0.25, seed: 11, name: "random_zoom"),
        ["imageprep_random_translation"] = () => Keras.Layers.RandomTranslation(0.2, (-0.1, 0.3), seed: 21, name: "random_translation"),
        ["imageprep_random_contrast"] = () => Keras.Layers.RandomContrast(0.5, valueRange: [0, 1], seed: 31, name: "random_contrast"),
    };

    public static TheoryData<string> Cases => new(Built.Keys);

    public static TheoryData<string> RandomCases => new(Built.Keys.Where(k => k.Contains("random")));

    [Theory]
    [MemberData(nameof(Cases))]
    public void KerasSavedModel_PredictsKerasInferenceOutputs_AlsoAfterSavingHere(string name)
    {
        var g = KerasGolden.Case(name);
        var x = g.Tensor("x");
        var model = Keras.Models.LoadModel(g.File("model.keras"));
        KerasGolden.AssertClose(g.Tensor("y_infer"), model.PredictTensors(x)[0], 1e-5, name);

        using var dir = new TempDir();
        model.Save(dir.File("again.keras"));
        KerasGolden.AssertClose(g.Tensor("y_infer"), Keras.Models.LoadModel(dir.File("again.keras")).PredictTensors(x)[0], 1e-5, name + " (saved here)");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LoadedAndBuiltHere_SerializeAsKeras(string name)
    {
        var g = KerasGolden.Case(name);
        var loaded = Keras.Models.LoadModel(g.File("model.keras")).Layers[^1];
        var layer = Built[name]();
        _ = new Sequential([Keras.Input(shape: new Shape([.. g.Tensor("x").shape.Skip(1).Select(d => (int?)(int)d)])), layer]);

        LayersGoldenTests.AssertSerializesAs(g.Json("layer_config"), loaded, name + " (loaded)");
        LayersGoldenTests.AssertSerializesAs(g.Json("layer_config"), layer, name + " (built here)");
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void SeededLayerInTraining_DrawsKerasTransformsCallAfterCall(string name)
    {
        var g = KerasGolden.Case(name);
        var layer = Built[name]();
        var x = g.Tensor("x");

        for (var i = 0; File.Exists(Path.Combine(g.Dir, $"y_train{i}.npy")); i++)
        {
            KerasGolden.AssertClose(g.Tensor($"y_train{i}"), layer.Apply(x, training: true), 1e-5, $"{name} training call {i}");
        }

        KerasGolden.AssertClose(x, layer.Apply(x), 0, "inference is the identity");
    }

    [Fact]
    public void Resizing_Options_MatchKeras()
    {
        var g = KerasGolden.Case("imageprep_resizing");
        var x = g.Tensor("x");
        Close(g, "bicubic_crop", Keras.Layers.Resizing(4, 4, interpolation: "bicubic", cropToAspectRatio: true).Apply(x));
        Close(g, "nearest_pad", Keras.Layers.Resizing(4, 4, interpolation: "nearest", padToAspectRatio: true, fillValue: 1.0).Apply(x));
        Close(g, "aa_down", Keras.Layers.Resizing(2, 3, antialias: true).Apply(x));
        Assert.Equal("(None, 4, 4, 2)", Keras.Layers.Resizing(4, 4).ComputeOutputShape(new Shape(null, 5, 7, 2)).ToString());
    }

    [Fact]
    public void CenterCrop_SmallerImagesAreSmartResizedAsKeras()
    {
        var g = KerasGolden.Case("imageprep_center_crop");
        var x = g.Tensor("x");
        Close(g, "larger", Keras.Layers.CenterCrop(6, 8).Apply(x));
        Close(g, "taller", Keras.Layers.CenterCrop(6, 4).Apply(x));
        Close(g, "single", Keras.Layers.CenterCrop(2, 3).Apply(x[0]));
    }

    [Fact]
    public void RandomFlip_Modes_MatchKeras()
    {
        var g = KerasGolden.Case("imageprep_random_flip");
        var x = g.Tensor("x");
        var horizontal = Keras.Layers.RandomFlip("horizontal", seed: 7).Apply(x, training: true);
        Close(g, "horizontal", horizontal);
        Close(g, "vertical", Keras.Layers.RandomFlip("vertical", seed: 7).Apply(x, training: true));
        // Each image is either itself or exactly its mirror image.
        for (var i = 0; i < x.shape[0]; i++)
        {
            Assert.True(horizontal[i].allclose(x[i], 0, 0) || horizontal[i].allclose(x[i].flip(1), 0, 0), $"image {i}");
        }
    }

    [Fact]
    public void RandomRotation_FillModesAndNearest_MatchKeras()
    {
        var g = KerasGolden.Case("imageprep_random_rotation");
        var x = g.Tensor("x");
        Close(g, "constant_nearest", Keras.Layers.RandomRotation((-0.3, 0.1), fillMode: "constant", interpolation: "nearest", fillValue: 0.5, seed: 3)
            .Apply(x, training: true));
        Close(g, "wrap", Keras.Layers.RandomRotation(0.25, fillMode: "wrap", seed: 5).Apply(x, training: true));
        Close(g, "nearest", Keras.Layers.RandomRotation(0.25, fillMode: "nearest", seed: 5).Apply(x, training: true));
    }

    [Fact]
    public void RandomZoomTranslationContrast_Options_MatchKeras()
    {
        var x = KerasGolden.Case("imageprep_random_zoom").Tensor("x");
        Close(KerasGolden.Case("imageprep_random_zoom"), "height_only",
            Keras.Layers.RandomZoom(0.4, seed: 12, fillMode: "constant").Apply(x, training: true));
        Close(KerasGolden.Case("imageprep_random_translation"), "constant",
            Keras.Layers.RandomTranslation(0.3, 0.3, fillMode: "constant", fillValue: 0.5, seed: 22, interpolation: "nearest").Apply(x, training: true));
        Close(KerasGolden.Case("imageprep_random_contrast"), "pair",
            Keras.Layers.RandomContrast((0.2, 0.6), seed: 32).Apply(x * 255, training: true));
    }

    private static void Close(KerasGolden g, string name, Tensor actual) => KerasGolden.AssertClose(g.Tensor(name), actual, 1e-5, name);
}
