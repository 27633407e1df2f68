using System.Text.Json.Nodes;
using DeepKeras.Saving;
using DeepKeras.Tests.Saving;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Preprocessing;

/// <summary>
/// Discretization against Keras 3.15.1 (cases imageprep_discretization and imageprep_discretization_adapt of
/// scripts/keras-golden/gen_imageprep.py): the bins of given boundaries in every output mode, the boundaries <c>Adapt</c>
/// computes (one array, a small array with a coarse epsilon, several batches), Keras-saved files and configs.
/// </summary>
public sealed class DiscretizationGoldenTests
{
    private static readonly KerasGolden Bins = KerasGolden.Case("imageprep_discretization");
    private static readonly KerasGolden Adapted = KerasGolden.Case("imageprep_discretization_adapt");
    private static readonly double[] Boundaries = [-1.0, 0.0, 0.5, 2.0];

    [Theory]
    [InlineData("int")]
    [InlineData("one_hot")]
    [InlineData("multi_hot")]
    [InlineData("count")]
    public void OutputModes_MatchKeras(string mode)
    {
        var y = Keras.Layers.Discretization(binBoundaries: Boundaries, outputMode: mode).Apply(Bins.Tensor("x"));

        Assert.Equal(mode == "int" ? ScalarType.Int32 : ScalarType.Float32, y.dtype);
        KerasGolden.AssertClose(Bins.Tensor(mode), y, 0, mode);
    }

    [Fact]
    public void OneHotColumnAndCountOfOneRow_MatchKeras()
    {
        var x = Bins.Tensor("x");
        KerasGolden.AssertClose(Bins.Tensor("one_hot_col"),
            Keras.Layers.Discretization(binBoundaries: Boundaries, outputMode: "one_hot").Apply(x[.., ..1]), 0);
        KerasGolden.AssertClose(Bins.Tensor("count_row"), Keras.Layers.Discretization(binBoundaries: Boundaries, outputMode: "count").Apply(x[1]), 0);
        Assert.Equal("(None, 5)", Keras.Layers.Discretization(binBoundaries: Boundaries, outputMode: "count").ComputeOutputShape(new Shape(null, 3)).ToString());
        Assert.Equal("(None, 3, 5)", Keras.Layers.Discretization(binBoundaries: Boundaries, outputMode: "one_hot").ComputeOutputShape(new Shape(null, 3)).ToString());
    }

    [Theory]
    [InlineData("data", 4, 0.01, "bounds_4")]
    [InlineData("small", 5, 0.1, "bounds_small")]
    public void Adapt_PlacesKerasBoundaries(string data, int numBins, double epsilon, string expected)
    {
        var layer = Keras.Layers.Discretization(numBins: numBins, epsilon: epsilon);

        layer.Adapt(Adapted.Tensor(data));

        KerasGolden.AssertClose(Adapted.Tensor(expected), tensor(layer.BinBoundaries!.ToArray()), 1e-6, expected);
    }

    [Fact]
    public void AdaptOnBatches_MergesTheSummariesAsKeras()
    {
        var layer = Keras.Layers.Discretization(numBins: 3, outputMode: "one_hot");

        layer.Adapt(Enumerable.Range(0, 3).Select(i => (ArrayLike)Adapted.Tensor($"batch{i}")));

        KerasGolden.AssertClose(Adapted.Tensor("bounds_batches"), tensor(layer.BinBoundaries!.ToArray()), 1e-6);
    }

    [Theory]
    [InlineData("imageprep_discretization")]
    [InlineData("imageprep_discretization_adapt")]
    public void KerasSavedModel_LoadsPredictsAndSerializesAsKeras(string name)
    {
        var g = KerasGolden.Case(name);
        var model = Keras.Models.LoadModel(g.File("model.keras"));
        KerasGolden.AssertClose(g.Tensor("y_infer"), model.PredictTensors(g.Tensor("x"))[0], 0);

        var actual = JsonNode.Parse(KerasJson.Write(Keras.Saving.SerializeKerasObject(model.Layers[^1])))!;
        Assert.True(JsonNode.DeepEquals(g.Json("layer_config"), actual), $"expected\n{g.Json("layer_config").ToJsonString()}\nactual\n{actual.ToJsonString()}");

        using var dir = new TempDir();
        model.Save(dir.File("again.keras"));
        KerasGolden.AssertClose(g.Tensor("y_infer"), Keras.Models.LoadModel(dir.File("again.keras")).PredictTensors(g.Tensor("x"))[0], 0);
    }

    [Fact]
    public void BadArguments_NameLayerAndArgument()
    {
        Assert.Contains("you need to set either `num_bins` or `bin_boundaries`",
            Assert.Throws<ArgumentException>(() => Keras.Layers.Discretization(name: "d")).Message);
        Assert.Contains("both `num_bins` and `bin_boundaries` should not be set. Received: `num_bins=3` and `bin_boundaries=[1]`",
            Assert.Throws<ArgumentException>(() => Keras.Layers.Discretization(binBoundaries: [1.0], numBins: 3)).Message);
        Assert.Contains("`num_bins` must be greater than or equal to 0. Received: `num_bins=-1`",
            Assert.Throws<ArgumentOutOfRangeException>(() => Keras.Layers.Discretization(numBins: -1)).Message);
        Assert.Contains("Layer \"d\" (Discretization): invalid value for argument `output_mode`",
            Assert.Throws<ArgumentException>(() => Keras.Layers.Discretization(numBins: 2, outputMode: "bits", name: "d")).Message);
        Assert.Contains("use `num_bins` instead",
            Assert.Throws<InvalidOperationException>(() => Keras.Layers.Discretization(binBoundaries: [0.0]).Adapt(zeros(3))).Message);
        Assert.Contains("call `Adapt(dataset)` before",
            Assert.Throws<InvalidOperationException>(() => Keras.Layers.Discretization(numBins: 2).Apply(zeros(3))).Message);
    }
}
