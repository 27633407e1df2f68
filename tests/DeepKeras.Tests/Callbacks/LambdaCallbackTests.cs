using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Callbacks;

public class LambdaCallbackTests
{
    [Fact]
    public void Events_FitEvaluatePredict_InKerasOrder()
    {
        var events = new List<string>();
        var cb = new LambdaCallback(
            onEpochBegin: (e, _) => events.Add($"epoch_begin {e}"),
            onEpochEnd: (e, logs) => events.Add($"epoch_end {e} {string.Join(",", logs.Keys.Order())}"),
            onTrainBegin: _ => events.Add("train_begin"),
            onTrainEnd: _ => events.Add("train_end"),
            onTrainBatchBegin: (b, _) => events.Add($"batch_begin {b}"),
            onTrainBatchEnd: (b, _) => events.Add($"batch_end {b}"),
            onTestBegin: _ => events.Add("test_begin"),
            onTestEnd: _ => events.Add("test_end"),
            onTestBatchBegin: (b, _) => events.Add($"test_batch_begin {b}"),
            onTestBatchEnd: (b, _) => events.Add($"test_batch_end {b}"),
            onPredictBegin: _ => events.Add("predict_begin"),
            onPredictEnd: _ => events.Add("predict_end"),
            onPredictBatchBegin: (b, _) => events.Add($"predict_batch_begin {b}"),
            onPredictBatchEnd: (b, _) => events.Add($"predict_batch_end {b}"));
        var model = new Sequential(new Dense(1, inputShape: 2));
        model.Compile(optimizer: "sgd", loss: "mse");
        var (x, y) = (ones(8, 2), ones(8, 1));
        model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, validationData: (x, y), validationBatchSize: 8, callbacks: [cb]);
        string[] epoch(int e) =>
        [
            $"epoch_begin {e}", "batch_begin 0", "batch_end 0", "batch_begin 1", "batch_end 1",
            "test_begin", "test_batch_begin 0", "test_batch_end 0", "test_end", $"epoch_end {e} loss,val_loss",
        ];
        Assert.Equal(["train_begin", .. epoch(0), .. epoch(1), "train_end"], events);

        events.Clear();
        model.Evaluate(x, y, batchSize: 8, verbose: 0, callbacks: [cb]);
        model.Predict(x, batchSize: 8, callbacks: [cb]);
        Assert.Equal(
            ["test_begin", "test_batch_begin 0", "test_batch_end 0", "test_end",
             "predict_begin", "predict_batch_begin 0", "predict_batch_end 0", "predict_end"],
            events);
    }

    [Fact]
    public void OnlyGivenDelegatesRun_CanStopTraining()
    {
        var model = new Sequential(new Dense(1, inputShape: 2));
        model.Compile(optimizer: "sgd", loss: "mse");
        var cb = new LambdaCallback(onEpochEnd: (e, _) =>
        {
            if (e == 1)
            {
                model.StopTraining = true;
            }
        });
        var history = model.Fit(ones(8, 2), ones(8, 1), epochs: 10, verbose: 0, callbacks: [cb]);
        Assert.Equal([0, 1], history.Epoch);
    }
}
