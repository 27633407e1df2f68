using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Regularizers;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Models;

/// <summary>Models whose only losses are added by layers: Keras logs their sum as <c>loss</c>.</summary>
public sealed class AddLossTrainingTests
{
    /// <summary>Adds 0.5·mean((x − 1)²) as a loss and passes x through (the golden generator's CenterPenalty).</summary>
    private sealed class CenterPenalty(string? name = null) : Layer(name)
    {
        protected override Tensor Call(Tensor inputs, bool training)
        {
            AddLoss(0.5 * (inputs - 1).square().mean());
            return inputs;
        }

        public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
    }

    private sealed class BatchLosses : Callback
    {
        public List<double> Seen { get; } = [];

        public override void OnTrainBatchEnd(int batch, Logs logs) => Seen.Add(logs["loss"]);
    }

    private static (Sequential Model, Tensor X) GoldenModel(KerasGolden g)
    {
        var model = new Sequential(
            Keras.Input(shape: 3),
            new Dense(2, kernelRegularizer: new L2(0.01), name: "dense"),
            new CenterPenalty("center_penalty"));
        model.SetWeights([g.Array("kernel"), g.Array("bias")]);
        model.Compile(optimizer: new DeepKeras.Optimizers.SGD(0.1));
        return (model, g.Tensor("x"));
    }

    [Fact]
    public void Fit_AddLossOnly_LogsLossPerBatchAndEpochAsKeras()
    {
        var g = KerasGolden.Case("modelapi_addloss");
        var expected = g.Json("results");
        var (model, x) = GoldenModel(g);
        var batches = new BatchLosses();

        var history = model.Fit(x, batchSize: 4, epochs: 3, shuffle: false, verbose: 0, callbacks: [batches]);

        var epochLosses = expected["history"]!["loss"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.Equal(["loss"], history.HistoryData.Keys);
        Assert.Equal(3, history["loss"].Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(epochLosses[i], history["loss"][i], 1e-5);
        }

        var batchLosses = expected["batch_losses"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.Equal(batchLosses.Length, batches.Seen.Count);
        for (var i = 0; i < batchLosses.Length; i++)
        {
            Assert.Equal(batchLosses[i], batches.Seen[i], 1e-5);
        }

        KerasGolden.AssertClose(g.Tensor("kernel_trained"), ((Dense)model.GetLayer("dense")).Kernel!.Value, 1e-5, "trained kernel");
    }

    [Fact]
    public void Evaluate_AddLossOnly_ReturnsTheLossAsKeras()
    {
        var g = KerasGolden.Case("modelapi_addloss");
        var expected = g.Json("results");
        var (model, x) = GoldenModel(g);
        model.Fit(x, batchSize: 4, epochs: 3, shuffle: false, verbose: 0);

        var result = model.Evaluate(x, batchSize: 4, verbose: 0);

        Assert.Equal(["loss"], result.Names);
        Assert.Equal((double)expected["evaluate"]!, result.Loss, 1e-5);
        Assert.Equal(["loss"], model.MetricsNames);
    }

    [Fact]
    public void EarlyStopping_OnLoss_SeesTheAddedLosses()
    {
        var g = KerasGolden.Case("modelapi_addloss");
        var (model, x) = GoldenModel(g);
        // The loss falls each epoch, but never by 10: the second epoch is no improvement and patience 1 stops there.
        var stop = new EarlyStopping(monitor: "loss", minDelta: 10, patience: 1);

        var history = model.Fit(x, batchSize: 4, epochs: 5, shuffle: false, verbose: 0, callbacks: [stop]);

        Assert.Equal(2, history["loss"].Count);
        Assert.Equal(1, stop.StoppedEpoch);
    }

    [Fact]
    public void MetricsNames_FollowCompile()
    {
        var model = new Sequential(Keras.Input(shape: 2), new Dense(1));
        Assert.Empty(model.MetricsNames);
        model.Compile(optimizer: "sgd");
        Assert.Equal(["loss"], model.MetricsNames);
        model.Compile(optimizer: "sgd", loss: "mse", metrics: ["mae"]);
        Assert.Equal(["loss", "mae"], model.MetricsNames);
    }

    [Fact]
    public void Fit_NoCompiledLossAndNoAddedLoss_ThrowsNamingTheModel()
    {
        var model = new Sequential([Keras.Input(shape: 2), new Dense(1)], name: "lossless");
        model.Compile(optimizer: "sgd");
        var ex = Assert.Throws<InvalidOperationException>(() => model.Fit(ones(4, 2), ones(4, 1), verbose: 0));
        Assert.Contains("Model \"lossless\" has no loss", ex.Message);
    }

    [Fact]
    public void ComputeLoss_DoesNotUpdateTheLossTracker_CustomStepCountsEachBatchOnce()
    {
        // Kernel ones, bias 0, learning rate 0: x = 1 (3 samples) gives ŷ = 2 and an mse of 4; x = 2 (1 sample) gives
        // ŷ = 4 and an mse of 16. The guide's step averages batch losses unweighted: (4 + 16) / 2 = 10. Had ComputeLoss
        // also fed the tracker (weighted by batch size), it would read (12 + 16 + 4 + 16) / 6 = 8.
        var input = Keras.Input(shape: 2);
        var model = new CustomModel(input, new Dense(1, kernelInitializer: "ones", biasInitializer: "zeros").Apply(input));
        model.Compile(optimizer: new DeepKeras.Optimizers.SGD(0.0), loss: "mse", metrics: ["mae"]);
        var x = cat([ones(3, 2), full(1, 2, 2f)]);

        var history = model.Fit(x, zeros(4, 1), batchSize: 3, epochs: 1, shuffle: false, verbose: 0);

        Assert.Equal(10.0, history["loss"][0], 6);
        // mae over samples: (3·2 + 4) / 4
        Assert.Equal(2.5, history["mae"][0], 6);
    }
}
