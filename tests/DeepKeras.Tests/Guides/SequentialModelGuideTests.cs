using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Guides;

/// <summary>
/// Keras's guide "The Sequential model" (keras-io guides/keras_core/sequential_model.py), cell by cell. Summaries
/// are compared with the text Keras 3.15.1 prints for the same cells (scripts/keras-golden/gen_guide_sequential.py;
/// auto-generated names blanked, since they count up per process), and the first cell's output with Keras's for
/// the same (wave) weights.
/// </summary>
/// <remarks>
/// "other name": <c>Apply</c> for calling a layer or model (<c>model(x)</c>); <c>ToSummaryString()</c> to read what
/// <c>summary()</c> prints. The two transfer-learning blueprints at the end are prose (markdown code), not cells.
/// <code>
/// cell   what                                        after (now)                          before (46043e9)
///  1     imports (keras, layers, ops)                straight (using directives)          other name: no Keras.Ops, torch
///  2     Sequential of 3 named Dense, called on ones other name: Apply; Keras.Ops.Ones    other name: Apply, torch.ones
///  3     the same as chained layer calls             other name: Apply                    other name: Apply, torch.ones
///  4-5   Sequential from a list, .layers             straight                             straight
///  6-7   add() three layers, pop()                   straight                             straight
///  8     Sequential(name=...) then add()             straight (Keras.Sequential(name))    straight
///  9-10  Dense has no weights until called           other name: Apply                    other name: Apply, torch.ones
///  11    unbuilt model: no weights; built by a call  other name: Apply                    other name: Apply, torch.ones
///  12    summary of the built model                  straight (Summary / ToSummaryString) straight
///  13    add(Input(4)) + Dense, summary              straight                             straight
///  14    .layers leaves the Input out                straight                             straight
///  15-17 Conv2D/MaxPooling2D stack, summaries        straight                             other name: new Conv2D(...) (no factories)
///  18    extractor of every layer's output           other name: Input(...).Layer in the  impossible: no Layer.Output, no Sequential.Inputs
///                                                    layer list; Inputs, Layer.Output
///  19    extractor of one layer (get_layer)          other name: as 18; GetLayer().Output impossible: (cell 18)
/// </code>
/// Counts (14 rows as grouped above) — after: straight 8, other name 6, impossible 0.
/// Before: straight 6, other name 6, impossible 2.
/// </remarks>
public sealed class SequentialModelGuideTests
{
    private static Sequential ThreeDense(string? prefix = null) => Keras.Sequential(
    [
        Keras.Layers.Dense(2, activation: "relu", name: prefix is null ? null : prefix + "1"),
        Keras.Layers.Dense(3, activation: "relu", name: prefix is null ? null : prefix + "2"),
        Keras.Layers.Dense(4, name: prefix is null ? null : prefix + "3"),
    ]);

    /// <summary>A summary with the model's and the layers' auto-generated names blanked (they count up per process).</summary>
    private static string WithoutNames(string summary) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(summary.TrimEnd('\n'), "^Model: \".*\"", "Model: _"),
            @"│ [A-Za-z0-9_]+ \((\w+)\)\s*│", "│ ($1) │");

    private static string[] ShapesAndTotals(string summary) =>
        System.Text.RegularExpressions.Regex.Matches(summary, @"\(None[^)]*\)|\d[\d,]* │|params: .*").Select(m => m.Value).ToArray();

    private static void AssertSummary(string goldenName, Model model) =>
        Assert.Equal(
            WithoutNames(KerasGolden.Case("guide_sequential_summaries").Text(goldenName)),
            WithoutNames(model.ToSummaryString(lineLength: 88)));

    [Fact]
    public void Cell02_03_ThreeDense_CalledOnOnes_MatchesKeras_AndTheChainedLayers()
    {
        var model = ThreeDense("layer");
        model.Build(new Shape(null, 3));
        GuideArrays.WaveWeights(model, scale: 0.5);
        var x = Keras.Ops.Ones((3, 3));
        var y = model.Apply(x);
        Assert.Equal(["layer1", "layer2", "layer3"], model.Layers.Select(l => l.Name));
        KerasGolden.AssertClose(KerasGolden.Case("guide_sequential_values").Tensor("y"), y, 1e-5, "y");

        var layer1 = Keras.Layers.Dense(2, activation: "relu", name: "layer1");
        var layer2 = Keras.Layers.Dense(3, activation: "relu", name: "layer2");
        var layer3 = Keras.Layers.Dense(4, name: "layer3");
        var chained = layer3.Apply(layer2.Apply(layer1.Apply(x)));
        Assert.Equal([3L, 4], chained.shape);
        layer1.SetWeights(model.Layers[0].GetWeights());
        layer2.SetWeights(model.Layers[1].GetWeights());
        layer3.SetWeights(model.Layers[2].GetWeights());
        KerasGolden.AssertClose(y, layer3.Apply(layer2.Apply(layer1.Apply(x))), 1e-6, "chained layers");
    }

    [Fact]
    public void Cell04_05_SequentialFromAList_ExposesItsLayers()
    {
        var model = Keras.Sequential(
        [
            Keras.Layers.Dense(2, activation: "relu"),
            Keras.Layers.Dense(3, activation: "relu"),
            Keras.Layers.Dense(4),
        ]);
        Assert.Equal(3, model.Layers.Count);
        Assert.All(model.Layers, l => Assert.IsType<Dense>(l));
        Assert.Equal([2, 3, 4], model.Layers.Select(l => ((Dense)l).Units));
    }

    [Fact]
    public void Cell06_07_AddThenPop_LeavesTwoLayers()
    {
        var model = Keras.Sequential();
        model.Add(Keras.Layers.Dense(2, activation: "relu"));
        model.Add(Keras.Layers.Dense(3, activation: "relu"));
        var last = Keras.Layers.Dense(4);
        model.Add(last);
        Assert.Equal(3, model.Layers.Count);
        Assert.Same(last, model.Pop());
        Assert.Equal(2, model.Layers.Count);
    }

    [Fact]
    public void Cell08_NamedSequential_KeepsItsAndItsLayersNames()
    {
        var model = Keras.Sequential(name: "my_sequential");
        model.Add(Keras.Layers.Dense(2, activation: "relu", name: "layer1"));
        model.Add(Keras.Layers.Dense(3, activation: "relu", name: "layer2"));
        model.Add(Keras.Layers.Dense(4, name: "layer3"));
        Assert.Equal("my_sequential", model.Name);
        Assert.Equal(["layer1", "layer2", "layer3"], model.Layers.Select(l => l.Name));
    }

    [Fact]
    public void Cell09_10_Dense_CreatesItsWeightsOnTheFirstCall()
    {
        var layer = Keras.Layers.Dense(3);
        Assert.Empty(layer.Weights);
        var x = Keras.Ops.Ones((1, 4));
        var y = layer.Apply(x);
        Assert.Equal([1L, 3], y.shape);
        Assert.Equal([new Shape(4, 3), new Shape(3)], layer.Weights.Select(w => w.Shape));
    }

    [Fact]
    public void Cell11_12_UnbuiltSequential_HasNoWeights_UntilCalled_ThenSummarises()
    {
        var model = ThreeDense();
        Assert.Empty(model.Weights);
        AssertSummary("unbuilt", model);
        var y = model.Apply(Keras.Ops.Ones((1, 4)));
        Assert.Equal([1L, 4], y.shape);
        Assert.Equal(6, model.Weights.Count);
        AssertSummary("called", model);
    }

    [Fact]
    public void Cell13_14_InputFirst_SummaryBeforeData_AndLayersLeaveTheInputOut()
    {
        var model = Keras.Sequential();
        model.Add(Keras.Input(shape: 4));
        model.Add(Keras.Layers.Dense(2, activation: "relu"));
        AssertSummary("input_dense", model);
        var lines = new List<string>();
        model.Summary(lineLength: 88, printFn: lines.Add);
        Assert.Contains(" Total params: 10 (40.00 B)", string.Concat(lines).Split('\n'));
        var layer = Assert.Single(model.Layers);
        Assert.IsType<Dense>(layer);
        Assert.Equal(2, model.Weights.Count);
        Assert.Equal(new Shape(null, 2), model.Outputs[0].Shape);
    }

    [Fact]
    public void Cell15_17_ConvStack_SummariesAsLayersAreAdded()
    {
        var model = Keras.Sequential();
        model.Add(Keras.Input(shape: (250, 250, 3)));
        model.Add(Keras.Layers.Conv2D(32, 5, strides: 2, activation: "relu"));
        model.Add(Keras.Layers.Conv2D(32, 3, activation: "relu"));
        model.Add(Keras.Layers.MaxPooling2D(3));
        AssertSummary("conv3", model);
        Assert.Equal(new Shape(null, 40, 40, 32), model.Outputs[0].Shape);

        model.Add(Keras.Layers.Conv2D(32, 3, activation: "relu"));
        model.Add(Keras.Layers.Conv2D(32, 3, activation: "relu"));
        model.Add(Keras.Layers.MaxPooling2D(3));
        model.Add(Keras.Layers.Conv2D(32, 3, activation: "relu"));
        model.Add(Keras.Layers.Conv2D(32, 3, activation: "relu"));
        model.Add(Keras.Layers.MaxPooling2D(2));
        AssertSummary("conv9", model);
        Assert.Equal(new Shape(null, 4, 4, 32), model.Outputs[0].Shape);

        model.Add(Keras.Layers.GlobalMaxPooling2D());
        model.Add(Keras.Layers.Dense(10));
        // global_max_pooling2d's name wraps onto two rows: compare the shapes, counts and totals.
        Assert.Equal(
            ShapesAndTotals(KerasGolden.Case("guide_sequential_summaries").Text("conv11")),
            ShapesAndTotals(model.ToSummaryString(lineLength: 88)));
        Assert.Equal(49_002, model.CountParams());
    }

    private static Sequential ThreeConv(string? middleName = null) => Keras.Sequential(
    [
        Keras.Input(shape: (250, 250, 3)).Layer,
        Keras.Layers.Conv2D(32, 5, strides: 2, activation: "relu"),
        Keras.Layers.Conv2D(32, 3, activation: "relu", name: middleName),
        Keras.Layers.Conv2D(32, 3, activation: "relu"),
    ]);

    [Fact]
    public void Cell18_FeatureExtractor_ReturnsEveryLayersOutput()
    {
        var initialModel = ThreeConv();
        var featureExtractor = Keras.Model(
            inputs: initialModel.Inputs.ToArray(),
            outputs: initialModel.Layers.Select(layer => layer.Output).ToArray());
        var x = Keras.Ops.Ones((1, 250, 250, 3));
        var features = featureExtractor.ApplyAll([x]);
        Assert.Equal(3, features.Length);
        Assert.Equal([1L, 123, 123, 32], features[0].shape);
        Assert.Equal([1L, 121, 121, 32], features[1].shape);
        Assert.Equal([1L, 119, 119, 32], features[2].shape);
        KerasGolden.AssertClose(initialModel.Apply(x), features[2], 1e-5, "last feature map");
    }

    [Fact]
    public void Cell19_FeatureExtractor_OfOneNamedLayer()
    {
        var initialModel = ThreeConv("my_intermediate_layer");
        var featureExtractor = Keras.Model(
            inputs: initialModel.Inputs[0],
            outputs: initialModel.GetLayer(name: "my_intermediate_layer").Output);
        var features = featureExtractor.Apply(Keras.Ops.Ones((1, 250, 250, 3)));
        Assert.Equal([1L, 121, 121, 32], features.shape);
        Assert.Equal(3, featureExtractor.Layers.Count);
        Assert.Equal("my_intermediate_layer", featureExtractor.Layers[^1].Name);
    }
}
