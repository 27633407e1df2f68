using System.Collections;
using DeepKeras.Layers;
using DeepKeras.Metrics;
using DeepKeras.Models;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Models;

/// <summary>User state that must outlive Fit's per-batch dispose scopes.</summary>
public sealed class StateAcrossBatchesTests
{
    /// <summary>
    /// A batch source that allocates its data lazily, on the first MoveNext, and keeps it across batches and epochs
    /// (a cache); each batch is a slice of it.
    /// </summary>
    private sealed class LazySource(int batches, int batchSize) : IEnumerable<(ArrayLike X, ArrayLike? Y)>
    {
        public Tensor? CacheX { get; private set; }

        public Tensor? CacheY { get; private set; }

        public int Epochs { get; private set; }

        public IEnumerator<(ArrayLike X, ArrayLike? Y)> GetEnumerator()
        {
            Epochs++;
            for (var i = 0; i < batches; i++)
            {
                if (CacheX is null)
                {
                    CacheX = randn(batches * batchSize, 3);
                    CacheY = CacheX.sum(1, keepdim: true);
                }

                yield return (CacheX.narrow(0, i * batchSize, batchSize), CacheY!.narrow(0, i * batchSize, batchSize));
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public void LazyEnumerator_KeepsWhatItAllocatesAcrossBatchesAndEpochs()
    {
        Keras.Utils.SetRandomSeed(1);
        var source = new LazySource(batches: 4, batchSize: 8);
        var validation = new LazySource(batches: 2, batchSize: 8);
        var model = new Sequential(new Dense(1, inputShape: 3));
        model.Compile(optimizer: new DeepKeras.Optimizers.SGD(0.05), loss: "mse");

        var h = model.Fit(source, epochs: 3, verbose: 0, validationData: validation);

        Assert.Equal(3, source.Epochs);
        Assert.Equal(3, h["loss"].Count);
        Assert.Equal(3, h["val_loss"].Count);
        Assert.True(h["loss"][^1] < h["loss"][0], $"loss {h["loss"][0]} → {h["loss"][^1]}");
        // The cache is the user's: Fit did not free it.
        Assert.False(source.CacheX!.IsInvalid);
        Assert.Equal([32L, 3], source.CacheX.shape);
        Assert.False(validation.CacheY!.IsInvalid);
    }

    /// <summary>A running sum of |y_pred| and a batch count, kept in variables from AddVariable.</summary>
    private sealed class MeanAbsPrediction : Metric
    {
        private readonly Variable _total;
        private readonly Variable _batches;

        public MeanAbsPrediction()
            : base("mean_abs_prediction")
        {
            _total = AddVariable(new Shape(), "zeros", name: "total");
            _batches = AddVariable(new Shape(), "zeros", dtype: "int64", name: "batches");
        }

        public long Batches => _batches.Value.item<long>();

        public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
        {
            // Temporaries of the update live in this method's scope; the state is in the variables.
            using var scope = NewDisposeScope();
            _total.AssignAdd(yPred.abs().mean());
            _batches.AssignAdd(1);
        }

        public override double Result() => _total.Value.item<float>() / Math.Max(1, Batches);
    }

    [Fact]
    public void CustomMetricWithVariableState_SurvivesEveryBatch()
    {
        Keras.Utils.SetRandomSeed(2);
        var metric = new MeanAbsPrediction();
        var model = new Sequential(new Dense(1, inputShape: 3));
        model.Compile(optimizer: new DeepKeras.Optimizers.SGD(0.0), loss: "mse", metrics: [metric]);
        var x = randn(40, 3);

        var h = model.Fit(x, x.sum(1, keepdim: true), batchSize: 8, epochs: 2, shuffle: false, verbose: 0);

        Assert.Equal(5, metric.Batches);
        var expected = Enumerable.Range(0, 5)
            .Select(i => model.PredictTensors(x.narrow(0, i * 8, 8))[0].abs().mean().item<float>()).Average();
        Assert.Equal(expected, h["mean_abs_prediction"][^1], 5);
        Assert.Equal(h["mean_abs_prediction"][0], h["mean_abs_prediction"][1], 6);
    }

    [Fact]
    public void BatchTensorsOfTheAdapter_AreStillFreedEveryStep()
    {
        var model = new Sequential(new Dense(2, inputShape: 3));
        model.Compile(optimizer: "sgd", loss: "mse");
        var x = randn(64, 3);
        var y = randn(64, 2);
        model.Fit(x, y, batchSize: 8, verbose: 0);
        var stats = TorchSharp.DisposeScopeManager.Statistics;
        stats.Reset();
        model.Fit(x, y, batchSize: 8, epochs: 4, verbose: 0);
        model.Fit(new List<(ArrayLike X, ArrayLike? Y)> { (x, y) }, epochs: 4, verbose: 0);
        Assert.True(stats.ThreadTotalLiveCount < 10, $"live tensors after training: {stats.ThreadTotalLiveCount}");
    }
}
