using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Models;

/// <summary>The functional graph inside a Sequential (Keras <c>Sequential._functional</c>): Inputs, Outputs and each layer's Output.</summary>
public sealed class SequentialGraphTests
{
    private static string SummaryOf(Model model)
    {
        var lines = new List<string>();
        model.Summary(lineLength: 88, printFn: lines.Add);
        return string.Join("\n", lines).TrimEnd('\n');
    }

    [Fact]
    public void CalledOnData_KeepsTheConcreteBatchSizeAsKeras()
    {
        var g = KerasGolden.Case("modelapi_seq_called");
        Keras.Backend.ClearSession();
        var model = new Sequential([new Dense(4), new Dense(2)]);

        model.Apply(zeros(3, 5));

        Assert.Equal(g.Text("summary").TrimEnd('\n'), SummaryOf(model));
        Assert.Equal(new Shape(3, 5), model.Inputs.Single().Shape);
        Assert.Equal(new Shape(3, 2), model.Outputs.Single().Shape);
        Assert.Equal(new Shape(3, 5), model.BatchInputShape);
        var buildConfig = (Dictionary<string, object?>)Keras.Saving.SerializeKerasObject(model)["build_config"]!;
        var expectedShape = g.Json("shapes")["build_config"]!["input_shape"]!.AsArray().Select(d => (long)d!).ToList();
        Assert.Equal(expectedShape, ((List<object?>)buildConfig["input_shape"]!).Cast<long>().ToList());
        // Later batches of any size still run.
        Assert.Equal([10L, 2L], model.Apply(zeros(10, 5)).shape);
    }

    [Fact]
    public void FeatureExtractor_FromLayerOutputs_MatchesKeras()
    {
        var g = KerasGolden.Case("modelapi_feature_extractor");
        Keras.Backend.ClearSession();
        _ = Keras.Input(shape: 1);   // Keras's generator made one input layer before this model's
        var seq = new Sequential([
            Keras.Input(shape: 6),
            new Dense(4, activation: "relu"),
            new Dense(3, activation: "tanh"),
            new Dense(2),
        ], name: "sequential_1");
        seq.SetWeights(Enumerable.Range(0, 6).Select(i => g.Array($"w{i}")).ToList());

        var extractor = Keras.Model(seq.Inputs.ToArray(), seq.Layers.Select(l => l.Output).ToArray(), name: "extractor");

        Assert.Equal(g.Text("summary").TrimEnd('\n'), SummaryOf(extractor));
        var features = extractor.PredictTensors(g.Tensor("x"));
        Assert.Equal(3, features.Length);
        for (var i = 0; i < 3; i++)
        {
            KerasGolden.AssertClose(g.Tensor($"features{i}"), features[i], 1e-6, $"features of layer {i}");
        }
    }

    [Fact]
    public void Inputs_NotBuilt_ThrowsAsKeras()
    {
        var model = new Sequential([new Dense(2)], name: "lazy");
        var ex = Assert.Throws<InvalidOperationException>(() => model.Inputs);
        Assert.StartsWith("Sequential model 'lazy' has no defined inputs yet.", ex.Message);
        Assert.Throws<InvalidOperationException>(() => model.Outputs);

        model.Build(new Shape(null, 7));

        Assert.Equal(new Shape(null, 7), model.Inputs[0].Shape);
        Assert.Equal(new Shape(null, 2), model.Outputs[0].Shape);
        Assert.Same(model.Layers[0].Output, model.Outputs[0]);
        Assert.Same(model.InputLayer!.Output, model.Layers[0].Input);
    }

    [Fact]
    public void AddAndPop_ExtendAndShortenTheGraph_EachLayerCalledOnce()
    {
        var model = new Sequential(Keras.Input(shape: 3), new Dense(4));
        var first = model.Layers[0];
        model.Add(new Dense(5));
        model.Add(new Dense(6));
        Assert.Equal(new Shape(null, 6), model.Outputs[0].Shape);
        Assert.Same(first.Output, model.Layers[1].Input);
        Assert.Equal(new Shape(null, 4), first.OutputShape);

        model.Pop();
        Assert.Same(model.Layers[1].Output, model.Outputs[0]);
        model.Add(new Dense(7));
        Assert.Equal(new Shape(null, 7), model.OutputShape);
        Assert.Equal(new Shape(null, 3), model.InputShape);
        Assert.Equal(3, model.Layers.Count);
    }

    [Fact]
    public void FitOnAnUnbuiltSequential_BuildsForTheFirstBatchAsKeras()
    {
        // Keras: 10 samples in batches of 4 build the model for (4, 5); its summary then shows (4, 4).
        var model = new Sequential([new Dense(4), new Dense(2)]);
        model.Compile(optimizer: "sgd", loss: "mse");
        model.Fit(zeros(10, 5), zeros(10, 2), batchSize: 4, verbose: 0);
        Assert.Equal(new Shape(4, 5), model.Inputs[0].Shape);
        Assert.Equal(new Shape(4, 4), model.Layers[0].OutputShape);
    }
}
