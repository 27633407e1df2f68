using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using static DeepKeras.Tests.Callbacks.CallbackTestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Callbacks;

public class LearningRateSchedulerTests
{
    [Fact]
    public void Schedule_SetsRateAtEpochBegin_AndLogsIt()
    {
        var model = new Sequential(new Dense(1, inputShape: 2));
        var opt = new SGD(0.1);
        model.Compile(optimizer: opt, loss: "mse");
        var seen = new List<double>();
        var scheduler = new LearningRateScheduler((epoch, lr) => epoch < 2 ? lr : lr * 0.5, verbose: 1);
        var probe = new LambdaCallback(onTrainBatchBegin: (_, _) => seen.Add((float)opt.LearningRate));
        History? history = null;
        var output = CaptureConsole(() => history = model.Fit(zeros(8, 2), zeros(8, 1), batchSize: 8, epochs: 4, verbose: 0,
            callbacks: [scheduler, probe]));

        // Keras 3.15.1 (the same script in its oracle): the schedule gets the float32 variable read as a float, so the
        // rates, logs and messages carry float32 rounding.
        double[] keras = [0.10000000149011612, 0.10000000149011612, 0.05000000074505806, 0.02500000037252903];
        Assert.Equal(keras, seen);
        Assert.Equal(keras, history!["learning_rate"]);
        Assert.Equal(
            "\nEpoch 1: LearningRateScheduler setting learning rate to 0.10000000149011612.\n" +
            "\nEpoch 2: LearningRateScheduler setting learning rate to 0.10000000149011612.\n" +
            "\nEpoch 3: LearningRateScheduler setting learning rate to 0.05000000074505806.\n" +
            "\nEpoch 4: LearningRateScheduler setting learning rate to 0.02500000037252903.\n",
            output.Replace("\r\n", "\n"));
    }

    [Fact]
    public void EpochOnlySchedule_UsesEpochIndexFromZero()
    {
        var model = new Sequential(new Dense(1, inputShape: 2));
        var opt = new Adam();
        model.Compile(optimizer: opt, loss: "mse");
        var history = model.Fit(zeros(8, 2), zeros(8, 1), epochs: 3, verbose: 0,
            callbacks: [new LearningRateScheduler(epoch => 0.001 * (epoch + 1))]);
        Assert.Equal([0.0010000000474974513, 0.0020000000949949026, 0.003000000026077032], history["learning_rate"]);
    }

    [Fact]
    public void OptimizerWithSchedule_ThrowsKerasError()
    {
        var model = new Sequential(new Dense(1, inputShape: 2));
        model.Compile(optimizer: new SGD(new DeepKeras.Optimizers.Schedules.ExponentialDecay(0.1, 10, 0.9)), loss: "mse");
        var e = Assert.Throws<InvalidOperationException>(() => model.Fit(zeros(8, 2), zeros(8, 1), epochs: 1, verbose: 0,
            callbacks: [new LearningRateScheduler((_, lr) => lr)]));
        Assert.Contains("its learning rate is not settable", e.Message);
    }
}
