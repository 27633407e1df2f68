using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Training;

/// <summary>
/// Batch sequences of (x, y, sample weight), TorchSharp <c>DataLoader</c>s and <c>validationSteps</c> in Fit, Evaluate
/// and Predict, against Keras's numbers (golden cases data_pydataset and data_dataloader), and the one batch loop's checks.
/// </summary>
public sealed class DataSourcesTests
{
    private static IEnumerable<(ArrayLike X, ArrayLike? Y, ArrayLike? SampleWeight)> Triples(Tensor x, Tensor y, Tensor? w)
    {
        for (var i = 0; i < x.shape[0]; i += 4)
        {
            yield return (x.narrow(0, i, 4), y.narrow(0, i, 4), w is null ? null : (ArrayLike)w.narrow(0, i, 4));
        }
    }

    [Fact]
    public void Sequences_OfXYAndSampleWeights_TrainEvaluateAndPredictAsKerasPyDataset()
    {
        // The same batches as Keras's PyDataset case: 6 weighted batches of 4, validation on 2 of 3 batches.
        var g = KerasGolden.Case("data_pydataset");
        var model = PyDatasetTests.GoldenModel(g);
        var h = model.Fit(Triples(g.Tensor("x"), g.Tensor("y"), g.Tensor("w")), epochs: 2, verbose: 0,
            validationData: Triples(g.Tensor("vx"), g.Tensor("vy"), null), validationSteps: 2);
        foreach (var key in new[] { "loss", "mae", "val_loss", "val_mae" })
        {
            PyDatasetTests.AssertValues(g.Json("results")["history"]![key]!, h[key], 1e-5);
        }

        PyDatasetTests.AssertValues(g.Json("results")["evaluate"]!, model.Evaluate(Triples(g.Tensor("x"), g.Tensor("y"), g.Tensor("w")), verbose: 0), 1e-5);
        var predicted = model.PredictTensors(Triples(g.Tensor("x"), g.Tensor("y"), null), verbose: 0)[0];
        KerasGolden.AssertClose(g.Tensor("predictions"), predicted, 1e-5, "predictions");
    }

    [Fact]
    public void DataLoader_OfATensorDataset_TrainsEvaluatesAndPredictsAsKeras()
    {
        var g = KerasGolden.Case("data_dataloader");
        var p = KerasGolden.Case("data_pydataset");
        var model = PyDatasetTests.GoldenModel(p);
        using var loader = TorchSharp.torch.utils.data.DataLoader(TorchSharp.torch.utils.data.TensorDataset(p.Tensor("x"), p.Tensor("y")), 5);
        using var validation = TorchSharp.torch.utils.data.DataLoader(TorchSharp.torch.utils.data.TensorDataset(p.Tensor("vx"), p.Tensor("vy")), 5);
        var progress = new StringWriter();
        var h = model.Fit(loader, validationData: validation, epochs: 2, verbose: 2, callbacks: [new ProgbarLogger(progress)]);
        foreach (var key in new[] { "loss", "mae", "val_loss", "val_mae" })
        {
            PyDatasetTests.AssertValues(g.Json("results")["history"]![key]!, h[key], 1e-5);
        }

        // The loader's length is known: 5 steps from the first epoch on, as len(loader) in Keras.
        var steps = g.Json("results")["steps"]!.GetValue<int>();
        Assert.Equal(2, progress.ToString().Split('\n').Count(l => l.StartsWith($"{steps}/{steps} - ", StringComparison.Ordinal)));
        PyDatasetTests.AssertValues(g.Json("results")["evaluate"]!, model.Evaluate(validation, verbose: 0), 1e-5);
        KerasGolden.AssertClose(g.Tensor("predictions"), model.PredictTensors(loader, verbose: 0)[0], 1e-5, "predictions");
    }

    [Fact]
    public void ValidationSteps_WithArrays_ValidatesOnTheFirstBatchesOnly()
    {
        var g = KerasGolden.Case("data_pydataset");
        var (vx, vy) = (g.Tensor("vx"), g.Tensor("vy"));
        var model = PyDatasetTests.GoldenModel(g);
        var h = model.Fit(g.Tensor("x"), g.Tensor("y"), batchSize: 8, epochs: 1, shuffle: false, verbose: 0, validationData: (vx, vy),
            validationBatchSize: 4, validationSteps: 2);
        var firstTwo = model.Evaluate(vx.narrow(0, 0, 8), vy.narrow(0, 0, 8), batchSize: 4, verbose: 0);
        var all = model.Evaluate(vx, vy, batchSize: 4, verbose: 0);
        Assert.Equal(firstTwo.Loss, h["val_loss"][0], 6);
        Assert.NotEqual(all.Loss, h["val_loss"][0], 3);
    }

    [Theory]
    [InlineData(0, null, "steps_per_epoch")]
    [InlineData(null, -2, "validation_steps")]
    public void Steps_NotPositive_ThrowNamingTheArgument(int? stepsPerEpoch, int? validationSteps, string kerasName)
    {
        var g = KerasGolden.Case("data_pydataset");
        var model = PyDatasetTests.GoldenModel(g);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(g.Tensor("x"), g.Tensor("y"), verbose: 0,
            validationData: (g.Tensor("vx"), g.Tensor("vy")), stepsPerEpoch: stepsPerEpoch, validationSteps: validationSteps));
        Assert.Contains($"Expected a positive `{kerasName}` (or null for all batches).", e.Message);
    }

    [Fact]
    public void PredictOnBatch_ChecksTheNumberOfInputs()
    {
        var a = Keras.Input(3);
        var b = Keras.Input(3);
        var model = new Functional([a, b], [new Add().Apply(a, b)]);
        var e = Assert.Throws<ArgumentException>(() => model.PredictOnBatch(ones(2, 3)));
        Assert.StartsWith($"Model \"{model.Name}\" expects 2 input array(s), but received 1.", e.Message);
        var sum = model.PredictOnBatch(ArrayLike.Many(ones(2, 3), ones(2, 3)));
        Assert.Equal(new[] { 2f, 2f, 2f, 2f, 2f, 2f }, sum.ToArray<float>());
    }

    [Fact]
    public void Predict_OnASequenceWithoutBatches_SaysSo()
    {
        var model = new Sequential(new Dense(1, inputShape: 3));
        IEnumerable<(ArrayLike X, ArrayLike? Y)> none = [];
        var e = Assert.Throws<ArgumentException>(() => model.Predict(none, verbose: 0));
        Assert.Equal("The data to predict on produced no batches. Expected at least one batch of inputs.", e.Message);
    }

    [Fact]
    public void Evaluate_OnASequence_StopsAfterSteps_AskingForNoMoreBatches()
    {
        var g = KerasGolden.Case("data_pydataset");
        var model = PyDatasetTests.GoldenModel(g);
        var asked = 0;
        IEnumerable<(ArrayLike X, ArrayLike? Y)> Counted()
        {
            foreach (var (x, y, _) in Triples(g.Tensor("x"), g.Tensor("y"), null))
            {
                asked++;
                yield return (x, y);
            }
        }

        var two = model.Evaluate(Counted(), steps: 2, verbose: 0);
        Assert.Equal(2, asked);
        Assert.Equal(model.Evaluate(g.Tensor("x").narrow(0, 0, 8), g.Tensor("y").narrow(0, 0, 8), batchSize: 4, verbose: 0).Loss, two.Loss, 6);
    }
}
