using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Saving;
using DeepKeras.Tests.Saving;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Callbacks;

public class BackupAndRestoreTests
{
    /// <summary>A seeded MLP with dropout, so the result depends on the weights, the optimizer, the shuffles and the dropout masks.</summary>
    private static Sequential NewModel(int seed)
    {
        Keras.Utils.SetRandomSeed(seed);
        var model = new Sequential([Keras.Input(shape: 6), new Dense(16, activation: "relu"), new Dropout(0.3), new Dense(3, activation: "softmax")]);
        model.Compile(optimizer: new Adam(0.01), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        return model;
    }

    /// <summary>Throws once in the middle of the given epoch, like a crash.</summary>
    private sealed class Crash(int epoch, int batch) : Callback
    {
        private int _epoch;
        private bool _fired;

        public override void OnEpochBegin(int e, Logs logs) => _epoch = e;

        public override void OnTrainBatchEnd(int b, Logs logs)
        {
            if (!_fired && _epoch == epoch && b == batch)
            {
                _fired = true;
                throw new InvalidOperationException("simulated crash");
            }
        }
    }

    [Fact]
    public void ResumeAfterCrash_EqualsUninterruptedTraining()
    {
        using var dir = new TempDir();
        var (x, y) = TestData.Blobs(n: 200, features: 6, classes: 3, seed: 21);

        var uninterrupted = NewModel(seed: 5);
        var full = uninterrupted.Fit(x, y, batchSize: 32, epochs: 4, verbose: 0);

        var backupDir = Path.Combine(dir.Path, "backup");
        var first = NewModel(seed: 5);
        var e = Assert.Throws<InvalidOperationException>(() =>
            first.Fit(x, y, batchSize: 32, epochs: 4, verbose: 0, callbacks: [new BackupAndRestore(backupDir), new Crash(epoch: 2, batch: 3)]));
        Assert.Equal("simulated crash", e.Message);
        Assert.True(File.Exists(Path.Combine(backupDir, "latest.weights.h5")));
        Assert.Contains("\"epoch\": 2", File.ReadAllText(Path.Combine(backupDir, "training_metadata.json")));

        // A new process would build a new model: different seed, so different initial weights and random state.
        var resumed = NewModel(seed: 99);
        var rest = resumed.Fit(x, y, batchSize: 32, epochs: 4, verbose: 0, callbacks: [new BackupAndRestore(backupDir)]);

        Assert.Equal([2, 3], rest.Epoch);
        Assert.Equal(full["loss"].Skip(2), rest["loss"]);
        var a = uninterrupted.GetWeights();
        var b = resumed.GetWeights();
        for (var i = 0; i < a.Count; i++)
        {
            var diff = a[i].ToArray<float>().Zip(b[i].ToArray<float>(), (p, q) => Math.Abs(p - q)).Max();
            Assert.True(diff <= 1e-6, $"weight {i} differs by {diff}");
        }

        Assert.Equal(uninterrupted.Optimizer!.Iterations, resumed.Optimizer!.Iterations);
        Assert.False(Directory.Exists(backupDir));
    }

    [Fact]
    public void CompletedFit_KeepsBackupWhenAsked_AndRestartSkipsDoneEpochs()
    {
        using var dir = new TempDir();
        var (x, y) = TestData.Blobs(n: 64, features: 6, classes: 3, seed: 22);
        var model = NewModel(seed: 6);
        var backup = new BackupAndRestore(dir.Path, deleteCheckpoint: false);
        model.Fit(x, y, batchSize: 32, epochs: 3, verbose: 0, callbacks: [backup]);
        var metadata = (Dictionary<string, object?>)KerasJson.Parse(File.ReadAllText(Path.Combine(dir.Path, "training_metadata.json")))!;
        Assert.Equal(3L, metadata["epoch"]);
        Assert.Equal(0L, metadata["batch"]);

        // Keras semantics: the next Fit with the same backup only runs the epochs after the last completed one.
        var more = model.Fit(x, y, batchSize: 32, epochs: 5, verbose: 0, callbacks: [backup]);
        Assert.Equal([3, 4], more.Epoch);
    }

    [Fact]
    public void DoubleCheckpoint_FallsBackToThePreviousBackup()
    {
        using var dir = new TempDir();
        var (x, y) = TestData.Blobs(n: 64, features: 6, classes: 3, seed: 23);
        var model = NewModel(seed: 7);
        model.Fit(x, y, batchSize: 32, epochs: 2, verbose: 0, callbacks: [new BackupAndRestore(dir.Path, doubleCheckpoint: true, deleteCheckpoint: false)]);
        Assert.True(File.Exists(Path.Combine(dir.Path, "latest.weights.h5.bkp")));

        File.WriteAllBytes(Path.Combine(dir.Path, "latest.weights.h5"), [1, 2, 3]);
        var resumed = NewModel(seed: 8);
        var history = resumed.Fit(x, y, batchSize: 32, epochs: 2, verbose: 0,
            callbacks: [new BackupAndRestore(dir.Path, doubleCheckpoint: true, deleteCheckpoint: false)]);
        // The previous backup was taken after epoch 1, so only epoch 2 (index 1) runs again.
        Assert.Equal([1], history.Epoch);
    }

    [Fact]
    public void DamagedMetadata_IsAClearError_NotACrash()
    {
        using var dir = new TempDir();
        var (x, y) = TestData.Blobs(n: 32, features: 6, classes: 3, seed: 24);
        var model = NewModel(seed: 9);
        model.Fit(x, y, batchSize: 32, epochs: 1, verbose: 0, callbacks: [new BackupAndRestore(dir.Path, deleteCheckpoint: false)]);
        var metadata = Path.Combine(dir.Path, "training_metadata.json");

        // A random-state blob that libtorch would abort the process on.
        var junk = Convert.ToBase64String(Enumerable.Repeat((byte)7, 5056).ToArray());
        File.WriteAllText(metadata, $"{{\"epoch\": 1, \"batch\": 0, \"rng\": {{\"torch\": \"{junk}\", \"shuffle\": [\"1\", \"2\", \"3\", \"4\"]}}}}");
        var e = Assert.Throws<KerasFileException>(() => model.Fit(x, y, epochs: 2, verbose: 0, callbacks: [new BackupAndRestore(dir.Path)]));
        Assert.Contains("invalid training metadata: Invalid torch random state", e.Message);

        File.WriteAllText(metadata, "{\"epoch\": \"two\"}");
        Assert.Contains("expected an integer \"epoch\"",
            Assert.Throws<KerasFileException>(() => model.Fit(x, y, epochs: 2, verbose: 0, callbacks: [new BackupAndRestore(dir.Path)])).Message);
    }

    [Fact]
    public void UnbuiltModel_IsRejected_AndEmptyDirectoryToo()
    {
        var model = new Sequential([new Dense(2)]);
        model.Compile(optimizer: "sgd", loss: "mse");
        var backup = new BackupAndRestore(Path.Combine(Path.GetTempPath(), $"unused-{Guid.NewGuid():N}"));
        var e = Assert.Throws<InvalidOperationException>(() => model.Fit(randn(4, 3), randn(4, 2), verbose: 0, callbacks: [backup]));
        Assert.Contains("To use the BackupAndRestore callback, your model must be built before you call `Fit()`.", e.Message);
        Assert.Throws<ArgumentException>(() => new BackupAndRestore(""));
    }
}
