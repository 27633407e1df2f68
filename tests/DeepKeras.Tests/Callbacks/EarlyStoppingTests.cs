using DeepKeras.Callbacks;
using static DeepKeras.Tests.Callbacks.CallbackTestUtil;

namespace DeepKeras.Tests.Callbacks;

public class EarlyStoppingTests
{
    [Fact]
    public void RestoreBestWeights_PatienceNeverRunsOut_RestoresAtTrainEnd()
    {
        var (model, layer, x, y, valY) = OvershootingRegression();
        var kernels = new List<double>();
        var record = new LambdaCallback(onEpochEnd: (_, _) => kernels.Add(Kernel(layer)));
        var stop = new EarlyStopping(patience: 10, restoreBestWeights: true, verbose: 1);
        History? history = null;
        var output = CaptureConsole(() => history = model.Fit(x, y, batchSize: 64, epochs: 6, verbose: 0, shuffle: false,
            validationData: (x, valY), callbacks: [record, stop]));

        var valLoss = history!["val_loss"];
        Assert.Equal(6, valLoss.Count);
        var best = valLoss.Select((v, i) => (v, i)).MinBy(p => p.v).i;
        Assert.Equal(1, best);
        Assert.True(valLoss[^1] > valLoss[1] * 5, "val_loss must get worse after epoch 1");
        Assert.Equal(0, stop.StoppedEpoch);
        Assert.Equal(1, stop.BestEpoch);
        // The weights are those of epoch 1 (w ≈ 1.15), not of the last epoch (w ≈ 1.85).
        Assert.Equal(kernels[1], Kernel(layer), 6);
        Assert.NotEqual(kernels[^1], Kernel(layer), 3);
        Assert.Equal("Restoring model weights from the end of the best epoch: 2.\n", output.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Patience_StopsAfterPatienceEpochsWithoutImprovement()
    {
        var (model, _, x, y, valY) = OvershootingRegression();
        var stop = new EarlyStopping(monitor: "val_loss", patience: 2, verbose: 1);
        History? history = null;
        var output = CaptureConsole(() => history = model.Fit(x, y, batchSize: 64, epochs: 20, verbose: 0, shuffle: false,
            validationData: (x, valY), callbacks: [stop]));
        // Best at epoch 1; epochs 2 and 3 are worse → wait reaches 2 at epoch 3.
        Assert.Equal(4, history!["val_loss"].Count);
        Assert.Equal(3, stop.StoppedEpoch);
        Assert.True(model.StopTraining);
        Assert.Equal("Epoch 4: early stopping\n", output.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Patience_StopAndRestore_PrintsBothMessagesAndRestores()
    {
        var (model, layer, x, y, valY) = OvershootingRegression();
        var kernels = new List<double>();
        var record = new LambdaCallback(onEpochEnd: (_, _) => kernels.Add(Kernel(layer)));
        var stop = new EarlyStopping(patience: 1, restoreBestWeights: true, verbose: 1);
        var output = CaptureConsole(() => model.Fit(x, y, batchSize: 64, epochs: 20, verbose: 0, shuffle: false,
            validationData: (x, valY), callbacks: [record, stop]));
        Assert.Equal(3, kernels.Count);
        Assert.Equal(kernels[1], Kernel(layer), 6);
        Assert.Equal("Epoch 3: early stopping\nRestoring model weights from the end of the best epoch: 2.\n", output.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Baseline_NotBeaten_StopsEvenWhileImproving()
    {
        var (model, _, x, y, valY) = OvershootingRegression();
        // Nothing reaches val_loss 0: improvements update the best but do not reset the wait counter.
        var stop = new EarlyStopping(patience: 2, baseline: 0.0);
        var history = model.Fit(x, y, batchSize: 64, epochs: 20, verbose: 0, shuffle: false, validationData: (x, valY), callbacks: [stop]);
        // epoch 0: wait 1 (first value, above baseline); epoch 1: wait 2 but improved; epoch 2: worse, wait 3 ≥ 2 → stop.
        Assert.Equal(3, history["val_loss"].Count);
        Assert.Equal(2, stop.StoppedEpoch);
    }

    [Fact]
    public void MinDelta_SmallImprovementsDoNotCount()
    {
        var (model, _, x, y, valY) = OvershootingRegression();
        var history = model.Fit(x, y, batchSize: 64, epochs: 20, verbose: 0, shuffle: false, validationData: (x, valY),
            callbacks: [new EarlyStopping(patience: 1, minDelta: 1.0)]);
        // The drop at epoch 1 (≈0.03 → ≈0.008) is below min_delta, so epoch 1 already counts as no improvement.
        Assert.Equal(2, history["val_loss"].Count);

        var (model2, _, x2, y2, valY2) = OvershootingRegression();
        var history2 = model2.Fit(x2, y2, batchSize: 64, epochs: 20, verbose: 0, shuffle: false, validationData: (x2, valY2),
            callbacks: [new EarlyStopping(patience: 1)]);
        Assert.Equal(3, history2["val_loss"].Count);
    }

    [Fact]
    public void StartFromEpoch_IgnoresWarmupEpochs()
    {
        var (model, _, x, y, valY) = OvershootingRegression();
        var stop = new EarlyStopping(patience: 1, startFromEpoch: 3);
        var history = model.Fit(x, y, batchSize: 64, epochs: 20, verbose: 0, shuffle: false, validationData: (x, valY), callbacks: [stop]);
        // Epochs 0–2 are ignored; epoch 3 sets the best, epoch 4 is worse → stop at epoch 4.
        Assert.Equal(5, history["val_loss"].Count);
        Assert.Equal(4, stop.StoppedEpoch);
        Assert.Equal(3, stop.BestEpoch);
    }

    [Fact]
    public void ModeMax_OnLoss_StopsWhenLossFalls()
    {
        var (model, _, x, y, valY) = OvershootingRegression();
        // The training loss falls every epoch; in max mode that is never an improvement.
        var history = model.Fit(x, y, batchSize: 64, epochs: 20, verbose: 0, shuffle: false, validationData: (x, valY),
            callbacks: [new EarlyStopping(monitor: "loss", mode: "max", patience: 2)]);
        Assert.Equal(3, history["loss"].Count);
    }

    [Fact]
    public void MissingMonitor_AutoMode_ThrowsKerasError()
    {
        var (model, _, x, y, _) = OvershootingRegression();
        var e = Assert.Throws<InvalidOperationException>(() =>
            model.Fit(x, y, batchSize: 64, epochs: 2, verbose: 0, callbacks: [new EarlyStopping(monitor: "foo")]));
        Assert.StartsWith("EarlyStopping callback received monitor=foo, but Keras isn't able to automatically determine", e.Message);
    }

    [Fact]
    public void MissingMonitor_MinMode_WarnsOnceAndKeepsTraining()
    {
        var (model, _, x, y, _) = OvershootingRegression();
        History? history = null;
        var err = CaptureConsole(() => history = model.Fit(x, y, batchSize: 64, epochs: 3, verbose: 0,
            callbacks: [new EarlyStopping(monitor: "val_loss", mode: "min")]), stderr: true);
        Assert.Equal(3, history!["loss"].Count);
        Assert.Equal("UserWarning: Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: loss\n",
            err.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Constructor_UnknownMode_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new EarlyStopping(mode: "lowest"));
        Assert.StartsWith("EarlyStopping mode 'lowest' is unknown.", e.Message);
    }
}
