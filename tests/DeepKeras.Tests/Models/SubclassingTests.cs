using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Metrics;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Models;

public class SubclassingTests
{
    /// <summary>A subclassed model: sublayers as fields, Call overridden.</summary>
    private sealed class TwoLayer : Model
    {
        private readonly Dense _hidden = new(16, activation: "relu");
        private readonly Dense _out = new(3, activation: "softmax");

        protected override Tensor Call(Tensor inputs, bool training) => _out.Apply(_hidden.Apply(inputs, training), training);
    }

    /// <summary>A custom TrainStep with its own tracker, as Keras's custom_train_step guide does.</summary>
    private sealed class CustomStep : Model
    {
        private readonly Dense _dense = new(1);
        private readonly Mean _lossTracker = new("loss");
        private readonly Mean _maeTracker = new("mae");

        public int Steps { get; private set; }

        public override IReadOnlyList<Metric> Metrics => [_lossTracker, _maeTracker];

        protected override Tensor Call(Tensor inputs, bool training) => _dense.Apply(inputs, training);

        protected override Logs TrainStep(Batch data)
        {
            Steps++;
            var yPred = Forward(data.X, training: true)[0];
            var loss = (yPred - data.Target).square().mean();
            ApplyGradients(loss, TrainableWeights);
            _lossTracker.UpdateState(loss);
            _maeTracker.UpdateState((yPred - data.Target).abs());
            return GetMetricsResult();
        }
    }

    [Fact]
    public void SubclassedModel_FieldsAreTrackedAndTrain()
    {
        var (x, y) = TestData.Blobs(n: 300);
        var model = new TwoLayer();
        model.Compile(optimizer: new DeepKeras.Optimizers.Adam(0.02), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var h = model.Fit(x, y, epochs: 15, verbose: 0);
        Assert.Equal(2, model.Layers.Count);
        Assert.Equal(8 * 16 + 16 + 16 * 3 + 3, model.CountParams());
        Assert.Equal("two_layer", model.Name);
        Assert.True(h["accuracy"][^1] > 0.85, $"accuracy {h["accuracy"][^1]}");
    }

    [Fact]
    public void CustomTrainStep_RunsThroughFitWithCallbacksAndHistory()
    {
        Keras.Utils.SetRandomSeed(0);
        var x = randn(128, 2);
        var y = x.matmul(tensor(new float[] { 2, -1 }).reshape(2, 1)) + 0.5f;
        var model = new CustomStep();
        model.Compile(optimizer: new DeepKeras.Optimizers.SGD(0.1));
        var epochsSeen = new List<int>();
        var h = model.Fit(x, y, epochs: 20, batchSize: 32, verbose: 0,
            callbacks: [new EpochRecorder(epochsSeen)]);
        Assert.Equal(20 * 4, model.Steps);
        Assert.Equal(Enumerable.Range(0, 20), epochsSeen);
        Assert.Equal(["loss", "mae"], h.HistoryData.Keys.Order());
        Assert.True(h["loss"][^1] < 0.01, $"final loss {h["loss"][^1]}");
        Assert.True(h["mae"][^1] < h["mae"][0]);
    }

    private sealed class EpochRecorder(List<int> seen) : Callback
    {
        public override void OnEpochEnd(int epoch, Logs logs) => seen.Add(epoch);
    }
}
