using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using static DeepKeras.Tests.Callbacks.CallbackTestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Callbacks;

public class TerminateOnNaNTests
{
    // A Lambda layer that returns NaN from its 4th call on: batch 3 of the first epoch has a NaN loss.
    private static Sequential PoisonedModel()
    {
        var calls = 0;
        var poison = new Lambda(t => ++calls >= 4 ? t * double.NaN : t, outputShape: 2);
        var model = new Sequential(new Dense(2, inputShape: 2), poison, new Dense(1));
        model.Compile(optimizer: "sgd", loss: "mse");
        return model;
    }

    [Fact]
    public void NaNLoss_PrintsKerasMessage_AndStopsAfterThatBatch()
    {
        var model = PoisonedModel();
        var batches = 0;
        History? history = null;
        var output = CaptureConsole(() => history = model.Fit(ones(80, 2), ones(80, 1), batchSize: 8, epochs: 3, verbose: 0,
            shuffle: false, callbacks: [new TerminateOnNaN(), new LambdaCallback(onTrainBatchEnd: (_, _) => batches++)]));
        Assert.Equal("Batch 3: Invalid loss, terminating training\n", output.Replace("\r\n", "\n"));
        Assert.Equal(4, batches);
        Assert.Single(history!["loss"]);
        Assert.True(double.IsNaN(history["loss"][0]));
    }

    [Fact]
    public void RaiseError_Throws()
    {
        var model = PoisonedModel();
        var e = Assert.Throws<InvalidOperationException>(() => model.Fit(ones(80, 2), ones(80, 1), batchSize: 8, epochs: 1, verbose: 0,
            callbacks: [new TerminateOnNaN(raiseError: true)]));
        Assert.Equal("NaN or Inf loss encountered at batch 3. Loss value: nan. Terminating training immediately.", e.Message);
    }

    [Fact]
    public void FiniteLoss_TrainsAllEpochs()
    {
        var model = new Sequential(new Dense(1, inputShape: 2));
        model.Compile(optimizer: "sgd", loss: "mse");
        var history = model.Fit(ones(16, 2), ones(16, 1), batchSize: 8, epochs: 3, verbose: 0, callbacks: [new TerminateOnNaN()]);
        Assert.Equal(3, history["loss"].Count);
        Assert.False(model.StopTraining);
    }
}
