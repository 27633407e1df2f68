using System.Globalization;
using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Tests.Saving;
using static DeepKeras.Tests.Callbacks.CallbackTestUtil;

namespace DeepKeras.Tests.Callbacks;

public class ModelCheckpointTests
{
    // OvershootingRegression: full-batch SGD(0.5) on y = 2x with m = mean(x²) = 65/189 for x = linspace(-1, 1, 64):
    // w ← w − (w − 2)·m, and val_loss = (w − 1)²·m on y = x.
    private static double[] ValLosses(int epochs)
    {
        const double m = 65.0 / 189.0;
        var w = 0.0;
        var result = new double[epochs];
        for (var e = 0; e < epochs; e++)
        {
            w -= (w - 2) * m;
            result[e] = (w - 1) * (w - 1) * m;
        }

        return result;
    }

    [Fact]
    public void FilepathTemplate_FormatsEpochAndLogs()
    {
        using var dir = new TempDir();
        var (model, _, x, y, valY) = OvershootingRegression();
        var checkpoint = new ModelCheckpoint(Path.Combine(dir.Path, "ckpt-{epoch:02d}-{val_loss:.2f}.keras"));
        model.Fit(x, y, batchSize: 64, epochs: 3, verbose: 0, shuffle: false, validationData: (x, valY), callbacks: [checkpoint]);

        // val_loss ≈ 0.0335, 0.0067, 0.0651
        var expected = ValLosses(3).Select((v, i) => $"ckpt-{i + 1:00}-{v.ToString("F2", CultureInfo.InvariantCulture)}.keras");
        Assert.Equal(["ckpt-01-0.03.keras", "ckpt-02-0.01.keras", "ckpt-03-0.07.keras"], expected);
        Assert.Equal(expected, Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
        Assert.IsType<DeepKeras.Models.Sequential>(Keras.Models.LoadModel(Path.Combine(dir.Path, "ckpt-02-0.01.keras")));
    }

    [Fact]
    public void FilepathFunction_GetsTheEpochAndLogs_AndItsExtensionIsChecked()
    {
        using var dir = new TempDir();
        var (model, _, x, y, valY) = OvershootingRegression();
        var seen = new List<(int Epoch, double ValLoss)>();
        var checkpoint = new ModelCheckpoint((epoch, logs) =>
        {
            seen.Add((epoch, logs["val_loss"]));
            return Path.Combine(dir.Path, $"e{epoch}-{Math.Round(logs["val_loss"] * 1000)}.keras");
        });
        model.Fit(x, y, batchSize: 64, epochs: 2, verbose: 0, shuffle: false, validationData: (x, valY), callbacks: [checkpoint]);

        var expected = ValLosses(2);
        Assert.Equal([1, 2], seen.Select(s => s.Epoch));
        Assert.Equal(expected[0], seen[0].ValLoss, 1e-6);
        Assert.Equal([$"e1-{Math.Round(expected[0] * 1000)}.keras", $"e2-{Math.Round(expected[1] * 1000)}.keras"],
            Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());

        var bad = new ModelCheckpoint((epoch, _) => Path.Combine(dir.Path, $"e{epoch}.hdf5"));
        var ex = Assert.Throws<ArgumentException>(() => model.Fit(x, y, batchSize: 64, epochs: 1, verbose: 0, callbacks: [bad]));
        Assert.Contains("must end in `.keras`", ex.Message);
    }

    [Fact]
    public void SaveBestOnly_SavesImprovementsWithKerasMessages()
    {
        using var dir = new TempDir();
        var (model, layer, x, y, valY) = OvershootingRegression();
        var path = Path.Combine(dir.Path, "best.keras");
        var kernels = new List<double>();
        var record = new LambdaCallback(onEpochEnd: (_, _) => kernels.Add(Kernel(layer)));
        var checkpoint = new ModelCheckpoint(path, monitor: "val_loss", verbose: 1, saveBestOnly: true);
        History? history = null;
        var output = CaptureConsole(() => history = model.Fit(x, y, batchSize: 64, epochs: 4, verbose: 0, shuffle: false,
            validationData: (x, valY), callbacks: [record, checkpoint]));

        var v = history!["val_loss"].Select(d => d.ToString("F5", CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(
            $"\nEpoch 1: val_loss improved from None to {v[0]}, saving model to {path}\n" +
            $"\nEpoch 1: finished saving model to {path}\n" +
            $"\nEpoch 2: val_loss improved from {v[0]} to {v[1]}, saving model to {path}\n" +
            $"\nEpoch 2: finished saving model to {path}\n" +
            $"\nEpoch 3: val_loss did not improve from {v[1]}\n" +
            $"\nEpoch 4: val_loss did not improve from {v[1]}\n",
            output.Replace("\r\n", "\n"));
        Assert.Equal(ValLosses(4)[1], checkpoint.Best!.Value, 5);

        // The file holds the weights of epoch 2 (w ≈ 1.139), not the last ones.
        var best = Keras.Models.LoadModel(path);
        Assert.Equal(kernels[1], best.Layers[0].Weights[0].Value.reshape(-1)[0].item<float>(), 6);
        Assert.NotEqual(kernels[3], kernels[1], 3);
    }

    [Fact]
    public void InitialValueThreshold_MustBeBeaten()
    {
        using var dir = new TempDir();
        var (model, _, x, y, valY) = OvershootingRegression();
        var checkpoint = new ModelCheckpoint(Path.Combine(dir.Path, "t.keras"), saveBestOnly: true, initialValueThreshold: 0.001);
        model.Fit(x, y, batchSize: 64, epochs: 3, verbose: 0, shuffle: false, validationData: (x, valY), callbacks: [checkpoint]);
        Assert.Empty(Directory.GetFiles(dir.Path));
        Assert.Equal(0.001, checkpoint.Best);
    }

    [Fact]
    public void SaveFreqInBatches_WeightsOnly_NamesByEpochAndBatch()
    {
        using var dir = new TempDir();
        var (model, _, x, y, _) = OvershootingRegression();
        var checkpoint = new ModelCheckpoint(Path.Combine(dir.Path, "w-{epoch:02d}-{batch:02d}.weights.h5"), saveWeightsOnly: true, saveFreq: 3);
        model.Fit(x, y, batchSize: 16, epochs: 3, verbose: 0, shuffle: false, callbacks: [checkpoint]);
        // 4 batches per epoch, a save every 3rd batch seen: epoch 1 batch 3, epoch 2 batch 2, epoch 3 batches 1 and 4.
        Assert.Equal(["w-01-03.weights.h5", "w-02-02.weights.h5", "w-03-01.weights.h5", "w-03-04.weights.h5"],
            Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());

        var copy = new DeepKeras.Models.Sequential(new Dense(1, useBias: false, inputShape: 1));
        copy.LoadWeights(Path.Combine(dir.Path, "w-03-04.weights.h5"));
        SavingTestUtil.SameWeights(model, copy);
    }

    [Fact]
    public void Arguments_AreValidatedLikeKeras()
    {
        var weights = Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m.keras", saveWeightsOnly: true));
        Assert.Contains("the filepath provided must end in `.weights.h5`", weights.Message);
        var model = Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m.weights.bin"));
        Assert.Contains("The filepath provided must end in `.keras` (Keras model format). Received: filepath=m.weights.bin", model.Message);
        Assert.Equal("best_model.h5", new ModelCheckpoint("best_model.h5").Filepath);
        Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m.keras", saveFreq: "batch"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelCheckpoint("m.keras", saveFreq: 0));
        Assert.Throws<ArgumentException>(() => new ModelCheckpoint("m.keras", mode: "up"));
    }

    [Fact]
    public void UnknownTemplateField_FailsWithKerasMessage()
    {
        using var dir = new TempDir();
        var (model, _, x, y, _) = OvershootingRegression();
        var checkpoint = new ModelCheckpoint(Path.Combine(dir.Path, "m-{val_acc:.2f}.keras"));
        var e = Assert.Throws<KeyNotFoundException>(() => model.Fit(x, y, batchSize: 64, epochs: 1, verbose: 0, callbacks: [checkpoint]));
        Assert.Contains("Failed to format this callback filepath: \"" + Path.Combine(dir.Path, "m-{val_acc:.2f}.keras") + "\". Reason: 'val_acc'", e.Message);
    }
}
