using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using static DeepKeras.Tests.Callbacks.CallbackTestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Callbacks;

public class ReduceLROnPlateauTests
{
    // x = 0, y = 0: the loss is exactly 0 every epoch, a perfect plateau.
    private static (Sequential Model, SGD Optimizer, Tensor X, Tensor Y) Flat(double lr = 0.2)
    {
        var model = new Sequential(new Dense(1, useBias: false, inputShape: 2));
        var opt = new SGD(lr);
        model.Compile(optimizer: opt, loss: "mse");
        return (model, opt, zeros(32, 2), zeros(32, 1));
    }

    [Fact]
    public void Plateau_ReducesAfterPatienceEpochs_AndLogsLearningRate()
    {
        var (model, opt, x, y) = Flat();
        History? history = null;
        var output = CaptureConsole(() => history = model.Fit(x, y, epochs: 6, verbose: 0,
            callbacks: [new ReduceLROnPlateau(monitor: "loss", factor: 0.5, patience: 2, verbose: 1)]));
        // Logged before any reduction at that epoch: reductions at the end of epochs 2 and 4. Keras reads the rate from
        // its float32 variable (0.2 logs as 0.20000000298023224) and reduces that value.
        Assert.Equal(new[] { 0.2f, 0.2f, 0.2f, 0.1f, 0.1f, 0.05f }.Select(f => (double)f), history!["learning_rate"]);
        Assert.Equal(0.05000000074505806, opt.LearningRate);
        Assert.Equal(
            "\nEpoch 3: ReduceLROnPlateau reducing learning rate to 0.10000000149011612.\n" +
            "\nEpoch 5: ReduceLROnPlateau reducing learning rate to 0.05000000074505806.\n",
            output.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Cooldown_SkipsEpochsAfterAReduction()
    {
        var (model, _, x, y) = Flat();
        var history = model.Fit(x, y, epochs: 6, verbose: 0,
            callbacks: [new ReduceLROnPlateau(monitor: "loss", factor: 0.5, patience: 1, cooldown: 2)]);
        // Reductions at epochs 1 and 3 and 5: after each, one epoch of cooldown, then patience 1.
        Assert.Equal(new[] { 0.2f, 0.2f, 0.1f, 0.1f, 0.05f, 0.05f }.Select(f => (double)f), history["learning_rate"]);
    }

    [Fact]
    public void MinLr_IsALowerBound()
    {
        var (model, opt, x, y) = Flat();
        model.Fit(x, y, epochs: 5, verbose: 0, callbacks: [new ReduceLROnPlateau(monitor: "loss", factor: 0.5, patience: 1, minLr: 0.15)]);
        Assert.Equal(0.15, opt.LearningRate);
    }

    [Fact]
    public void ImprovingLoss_NoReduction()
    {
        var (model, _, x, y, _) = OvershootingRegression();
        var history = model.Fit(x, y, batchSize: 64, epochs: 5, verbose: 0, shuffle: false,
            callbacks: [new ReduceLROnPlateau(monitor: "loss", patience: 1)]);
        // The training loss falls by far more than min_delta each epoch.
        Assert.Equal([0.5, 0.5, 0.5, 0.5, 0.5], history["learning_rate"]);
    }

    [Fact]
    public void Constructor_FactorAtLeastOne_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau(factor: 1.0));
        Assert.StartsWith("ReduceLROnPlateau does not support a factor >= 1.0. Received factor=1.0", e.Message);
    }

    [Fact]
    public void Defaults_AreKeras()
    {
        var cb = new ReduceLROnPlateau();
        Assert.Equal("val_loss", cb.Monitor);
        Assert.Equal(0.1, cb.Factor);
        Assert.Equal(10, cb.Patience);
        Assert.Equal(1e-4, cb.MinDelta);
        Assert.Equal(0, cb.Cooldown);
        Assert.Equal(0.0, cb.MinLr);
    }
}
