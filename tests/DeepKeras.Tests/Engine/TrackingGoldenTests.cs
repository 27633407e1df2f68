using System.Text.Json.Nodes;
using DeepKeras.Models;
using DeepKeras.Saving;
using DeepKeras.Tests.Saving;
using DeepKeras.Tests.TestUtil;
using static DeepKeras.Tests.Engine.TrackingPorts;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Engine;

/// <summary>Attribute tracking against the real Keras 3 (golden files from scripts/keras-golden/gen_tracking.py).</summary>
public sealed class TrackingGoldenTests
{
    [Fact]
    public void MLPBlock_Standalone_HasKerasWeightsInKerasOrder()
    {
        var g = KerasGolden.Case("tracking_mlp_block").Json("standalone");
        var mlp = new MLPBlock("mlp_block", ["linear", "linear_1", "linear_2"]);
        mlp.Apply(ones(3, 64));

        Assert.Equal(g["weights"]!.GetValue<int>(), mlp.Weights.Count);
        Assert.Equal(g["trainable_weights"]!.GetValue<int>(), mlp.TrainableWeights.Count);
        Assert.Equal(Strings(g["paths"]), mlp.Weights.Select(w => w.Path));
        Assert.Equal(Strings(g["layers"]), mlp.Sublayers.Select(l => l.Name));
    }

    [Fact]
    public void MLPBlock_InFunctionalModel_CountsSummarizesLoadsAndSavesAsKeras()
    {
        var g = KerasGolden.Case("tracking_mlp_block");
        var info = g.Json("weights");
        var model = MlpModel();

        Assert.Equal(info["count_params"]!.GetValue<long>(), model.CountParams());
        Assert.Equal(Strings(info["paths"]), model.Weights.Select(w => w.Path));
        Assert.Equal(Shapes(info["shapes"]), model.Weights.Select(w => w.Shape.ToString()));
        var lines = new List<string>();
        model.Summary(lineLength: 88, printFn: lines.Add);
        Assert.Equal(g.Text("summary").TrimEnd('\n'), string.Join("\n", lines).TrimEnd('\n'));

        // Keras's weights file fills the inner Linear layers: the predictions are Keras's.
        model.LoadWeights(g.File("model.weights.h5"));
        KerasGolden.AssertClose(g.Tensor("y"), model.PredictTensors(g.Tensor("x"))[0], 1e-5, "predictions");

        // And DeepKeras writes the same layout (layers/mlp_block/linear_1/vars/0, ...).
        using var dir = new TempDir();
        model.SaveWeights(dir.File("m.weights.h5"));
        Assert.Equal(Strings(g.Json("h5")), H5Paths(dir.File("m.weights.h5")));
    }

    [Fact]
    public void LayerWithDenseListAndTracker_TrainsAsKeras()
    {
        var g = KerasGolden.Case("tracking_block_metric");
        var info = g.Json("weights");
        var input = Keras.Input(shape: 5, name: "input_layer");
        var model = Keras.Model(input, new Block("block").Apply(input), name: "block_model");
        model.Compile(optimizer: new DeepKeras.Optimizers.SGD(0.05), loss: "mse");

        Assert.Equal(Strings(info["paths"]), model.Weights.Select(w => w.Path));
        Assert.Equal(info["count_params"]!.GetValue<long>(), model.CountParams());
        Assert.Equal(Strings(info["metrics"]), model.Metrics.Select(m => m.Name));
        AssertSavesAndTrainsAsKeras(g, model);
    }

    [Fact]
    public void SubclassedModel_SavesAtKerasAttributePathsAndReportsItsTracker()
    {
        var g = KerasGolden.Case("tracking_subclass");
        var info = g.Json("weights");
        var model = new Sub();
        model.Apply(ones(2, 5));
        model.Compile(optimizer: new DeepKeras.Optimizers.SGD(0.05), loss: "mse", metrics: ["mae"]);

        Assert.Equal(Strings(info["paths"]), model.Weights.Select(w => w.Path));
        // Keras groups the compiled metrics as one "compile_metrics" entry; DeepKeras lists them.
        Assert.Equal(Strings(info["metrics"]).Select(n => n == "compile_metrics" ? "mae" : n), model.Metrics.Select(m => m.Name));
        AssertSavesAndTrainsAsKeras(g, model);
    }

    /// <summary>The model writes Keras's weights-file layout, reads Keras's initial weights and trains to Keras's history.</summary>
    private static void AssertSavesAndTrainsAsKeras(KerasGolden g, Model model)
    {
        using (var dir = new TempDir())
        {
            model.SaveWeights(dir.File("m.weights.h5"));
            Assert.Equal(Strings(g.Json("h5")), H5Paths(dir.File("m.weights.h5")));
        }

        model.LoadWeights(g.File("initial.weights.h5"));
        var history = model.Fit(g.Tensor("x"), g.Tensor("y"), batchSize: 8, epochs: 2, shuffle: false, verbose: 0);
        AssertHistory(g.Json("history"), history.HistoryData, 1e-5);
    }

    private static Functional MlpModel()
    {
        var input = Keras.Input(shape: 64, name: "input_layer");
        return Keras.Model(input, new MLPBlock("mlp_block_1", ["linear_3", "linear_4", "linear_5"]).Apply(input), name: "mlp_model");
    }

    private static void AssertHistory(JsonNode expected, IReadOnlyDictionary<string, List<double>> actual, double tol)
    {
        var keys = expected.AsObject().Select(kv => kv.Key).Order().ToList();
        Assert.Equal(keys, actual.Keys.Order());
        foreach (var key in keys)
        {
            var want = expected[key]!.AsArray().Select(v => v!.GetValue<double>()).ToList();
            Assert.Equal(want.Count, actual[key].Count);
            for (var i = 0; i < want.Count; i++)
            {
                TestData.Near(want[i], actual[key][i], tol, $"{key}[{i}]");
            }
        }
    }

    private static List<string> Strings(JsonNode? node) => node!.AsArray().Select(v => v!.GetValue<string>()).ToList();

    private static List<string> Shapes(JsonNode? node) =>
        node!.AsArray().Select(s => new Shape(s!.AsArray().Select(d => (int?)d!.GetValue<int>()).ToArray()).ToString()).ToList();

    /// <summary>Every group and dataset path of a Keras weights file, sorted as h5py's visit lists them.</summary>
    private static List<string> H5Paths(string file)
    {
        using var reader = H5Reader.Open(file, File.OpenRead(file));
        var paths = new List<string>();
        Walk(reader, reader.Root, "", paths);
        return [.. paths.Order(StringComparer.Ordinal)];
    }

    private static void Walk(H5Reader reader, DeepKeras.Saving.Hdf5.Hdf5Object group, string path, List<string> paths)
    {
        foreach (var name in reader.ChildNames(group))
        {
            var child = path.Length == 0 ? name : $"{path}/{name}";
            paths.Add(child);
            // Keras's layout: everything is a group except the datasets inside a "vars" group.
            if (path != "vars" && !path.EndsWith("/vars", StringComparison.Ordinal))
            {
                Walk(reader, reader.Group(group, name)!, child, paths);
            }
        }
    }
}
