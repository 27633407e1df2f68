using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Callbacks;

/// <summary>Keras's batch-level aliases (<c>on_batch_begin/end</c>) and the predictions in <c>on_predict_batch_end</c>'s logs.</summary>
public sealed class BatchEventTests
{
    private sealed class Recorder : Callback
    {
        public List<string> Events { get; } = [];

        public List<float[]> Predictions { get; } = [];

        public override void OnBatchBegin(int batch, Logs logs) => Events.Add($"batch_begin {batch}");

        public override void OnBatchEnd(int batch, Logs logs) => Events.Add($"batch_end {batch} loss={logs.ContainsKey("loss")}");

        public override void OnTestBatchEnd(int batch, Logs logs) => Events.Add($"test_batch_end {batch}");

        public override void OnPredictBatchEnd(int batch, Logs logs)
        {
            Events.Add($"predict_batch_end {batch} outputs={logs.Outputs?.Count}");
            Predictions.Add(logs.Outputs![0].detach().cpu().data<float>().ToArray());
        }
    }

    private static Sequential Model()
    {
        var model = new Sequential(Keras.Input(shape: 2), new Dense(1, kernelInitializer: "ones", biasInitializer: "zeros"));
        model.Compile(optimizer: new DeepKeras.Optimizers.SGD(0.0), loss: "mse");
        return model;
    }

    [Fact]
    public void OnBatchBeginEnd_AreCalledForTrainingBatchesOnly()
    {
        var model = Model();
        var recorder = new Recorder();
        model.Fit(ones(5, 2), ones(5, 1), batchSize: 3, verbose: 0, validationData: (ones(2, 2), ones(2, 1)), callbacks: [recorder]);

        Assert.Equal(
            ["batch_begin 0", "batch_end 0 loss=True", "batch_begin 1", "batch_end 1 loss=True", "test_batch_end 0"],
            recorder.Events);
    }

    [Fact]
    public void OnTrainBatchEnd_OverriddenWithoutBase_DoesNotCallTheAlias()
    {
        var model = Model();
        var callback = new OnlyTrainBatch();
        model.Fit(ones(4, 2), ones(4, 1), batchSize: 2, verbose: 0, callbacks: [callback]);
        Assert.Equal(2, callback.TrainBatches);
        Assert.Equal(0, callback.AliasCalls);
    }

    private sealed class OnlyTrainBatch : Callback
    {
        public int TrainBatches { get; private set; }

        public int AliasCalls { get; private set; }

        public override void OnTrainBatchEnd(int batch, Logs logs) => TrainBatches++;

        public override void OnBatchEnd(int batch, Logs logs) => AliasCalls++;
    }

    [Fact]
    public void OnPredictBatchEnd_LogsCarryTheBatchOutputs()
    {
        var model = Model();
        var recorder = new Recorder();
        var x = tensor(new float[] { 1, 2, 3, 4, 5, 6 }).reshape(3, 2);

        model.Predict(x, batchSize: 2, verbose: 0, callbacks: [recorder]);

        Assert.Equal(["predict_batch_end 0 outputs=1", "predict_batch_end 1 outputs=1"], recorder.Events);
        // ŷ = x·[1, 1]: batches [3, 7] and [11].
        Assert.Equal([3f, 7f], recorder.Predictions[0]);
        Assert.Equal([11f], recorder.Predictions[1]);
    }
}
