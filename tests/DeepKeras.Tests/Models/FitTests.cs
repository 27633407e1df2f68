using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Models;

public class FitTests
{
    private static Sequential SmallModel() =>
        new(new Dense(8, activation: "relu", inputShape: 8), new Dense(3, activation: "softmax"));

    [Fact]
    public void Fit_ValidationSplit_ValidatesOnTheLastFraction()
    {
        var (x, y) = TestData.Blobs(n: 400);
        var model = SmallModel();
        model.Compile(optimizer: new SGD(0.05), loss: "sparse_categorical_crossentropy");
        var history = model.Fit(x, y, epochs: 1, batchSize: 50, validationSplit: 0.25, verbose: 0);

        // Validation ran at the end of the epoch with the final weights, on samples 300..399 (taken before shuffling).
        var lastQuarter = model.Evaluate(x[300..], y[300..], verbose: 0).Loss;
        var firstPart = model.Evaluate(x[..100], y[..100], verbose: 0).Loss;
        TestData.Near(lastQuarter, history["val_loss"][0], 1e-5, "val_loss");
        Assert.NotEqual(firstPart, history["val_loss"][0], 5);
    }

    [Fact]
    public void Fit_FrozenLayer_KeepsItsWeightsFixed()
    {
        var (x, y) = TestData.Blobs(n: 200);
        var model = SmallModel();
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy");
        model.Layers[0].Trainable = false;
        var frozenBefore = model.Layers[0].Weights.Select(w => w.Value.clone()).ToArray();
        var trainedBefore = model.Layers[1].Weights.Select(w => w.Value.clone()).ToArray();

        model.Fit(x, y, epochs: 2, verbose: 0);

        Assert.All(model.Layers[0].Weights.Zip(frozenBefore), p => Assert.True(p.First.Value.allclose(p.Second, 0, 0)));
        Assert.Contains(model.Layers[1].Weights.Zip(trainedBefore), p => !p.First.Value.allclose(p.Second, 0, 0));
        Assert.Equal(2, model.NonTrainableWeights.Count);
        Assert.Equal(2, model.TrainableWeights.Count);
    }

    [Fact]
    public void Fit_SameSeed_GivesBitIdenticalWeights()
    {
        float[] Run()
        {
            var (x, y) = TestData.Blobs(n: 200, seed: 3);
            Keras.Utils.SetRandomSeed(42);
            var model = new Sequential(new Dense(8, activation: "relu", inputShape: 8), new Dropout(0.3), new Dense(3, activation: "softmax"));
            model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy");
            model.Fit(x, y, epochs: 2, batchSize: 16, verbose: 0);
            return model.Weights.SelectMany(w => w.Value.detach().reshape(-1).data<float>().ToArray()).ToArray();
        }

        var a = Run();
        var b = Run();
        Assert.Equal(a, b);
    }

    [Fact]
    public void Fit_ReturnsHistoryWithLossAndMetricsPerEpoch()
    {
        var (x, y) = TestData.Blobs(n: 120);
        var model = SmallModel();
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var h = model.Fit(x, y, epochs: 3, validationData: (x, y), verbose: 0);
        Assert.Equal([0, 1, 2], h.Epoch);
        Assert.Equal(["accuracy", "loss", "val_accuracy", "val_loss"], h.HistoryData.Keys.Order(StringComparer.Ordinal));
        Assert.All(h.HistoryData.Values, v => Assert.Equal(3, v.Count));
    }

    [Fact]
    public void Fit_InitialEpoch_RunsOnlyTheRemainingEpochs()
    {
        var (x, y) = TestData.Blobs(n: 60);
        var model = SmallModel();
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy");
        var h = model.Fit(x, y, epochs: 5, initialEpoch: 3, verbose: 0);
        Assert.Equal([3, 4], h.Epoch);
    }

    [Fact]
    public void Fit_ClassWeight_ScalesTheLossOfThatClass()
    {
        var x = ones(4, 8);
        var y = tensor(new long[] { 0, 0, 1, 1 });
        var model = SmallModel();
        model.Compile(optimizer: new SGD(0), loss: "sparse_categorical_crossentropy");
        var plain = model.TrainOnBatch(x, y).Loss;
        var weighted = model.TrainOnBatch(x, y, classWeight: new Dictionary<int, double> { [0] = 3.0 }).Loss;

        // Same predictions for identical inputs: per-sample losses l0 (class 0) and l1 (class 1).
        var p = model.PredictOnBatch(x[..1]).ToArray<float>();
        double l0 = -Math.Log(p[0]), l1 = -Math.Log(p[1]);
        TestData.Near((2 * l0 + 2 * l1) / 4, plain, 1e-5, "unweighted");
        TestData.Near((2 * 3 * l0 + 2 * l1) / 4, weighted, 1e-5, "class-weighted");
    }

    [Fact]
    public void Fit_CancellationToken_StopsAfterTheCurrentBatch()
    {
        var (x, y) = TestData.Blobs(n: 320);
        var model = SmallModel();
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy");
        using var cts = new CancellationTokenSource();
        var batches = 0;
        var cb = new BatchCounter(() =>
        {
            if (++batches == 3)
            {
                cts.Cancel();
            }
        });
        var h = model.Fit(x, y, epochs: 5, batchSize: 32, callbacks: [cb], cancellationToken: cts.Token, verbose: 0);
        Assert.Equal(3, batches);
        Assert.Single(h.Epoch);
    }

    [Fact]
    public void Fit_EnumerableOfBatches_TrainsLikeArrays()
    {
        var (x, y) = TestData.Blobs(n: 256);
        IEnumerable<(DeepKeras.Training.ArrayLike, DeepKeras.Training.ArrayLike?)> Batches()
        {
            for (var i = 0; i < 256; i += 32)
            {
                yield return (x[i..(i + 32)], y[i..(i + 32)]);
            }
        }

        var model = SmallModel();
        model.Compile(optimizer: new Adam(0.02), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var h = model.Fit(Batches(), epochs: 12, verbose: 0);
        Assert.True(h["loss"][^1] < h["loss"][0] * 0.7, $"loss {h["loss"][0]} → {h["loss"][^1]}");
    }

    [Fact]
    public void Predict_ReturnsOneRowPerSample()
    {
        var (x, _) = TestData.Blobs(n: 70);
        var model = SmallModel();
        var p = model.Predict(x, batchSize: 32);
        Assert.Equal(new long[] { 70, 3 }, p.shape);
        var sums = p.ToArray<float>().Chunk(3).Select(r => r.Sum());
        Assert.All(sums, s => Assert.Equal(1f, s, 4));
    }

    [Fact]
    public void Fit_ManyEpochs_DoesNotLeakTensors()
    {
        var (x, y) = TestData.Blobs(n: 256);
        var model = SmallModel();
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        model.Fit(x, y, epochs: 1, verbose: 0);
        var stats = TorchSharp.DisposeScopeManager.Statistics;
        stats.Reset();
        model.Fit(x, y, epochs: 5, verbose: 0);
        model.Predict(x);
        model.Evaluate(x, y, verbose: 0);
        // Every tensor created inside the per-batch scopes was disposed; only results returned to the caller remain.
        Assert.True(stats.ThreadTotalLiveCount < 20, $"live tensors after training: {stats.ThreadTotalLiveCount}");
    }

    [Fact]
    public void Evaluate_DeconstructingAMetricThatWasNotCompiled_SaysWhatThereIs()
    {
        var (x, y) = TestData.Blobs(n: 32);
        var model = SmallModel();
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy");

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var (_, accuracy) = model.Evaluate(x, y, verbose: 0);
            return accuracy;
        });

        Assert.Equal("index", ex.ParamName);
        Assert.Contains("Evaluate returned 1 value(s) (loss); there is no value at position 1", ex.Message);
    }

    private sealed class BatchCounter(Action onBatch) : Callback
    {
        public override void OnTrainBatchEnd(int batch, Logs logs) => onBatch();
    }
}
