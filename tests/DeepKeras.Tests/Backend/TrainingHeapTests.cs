using DeepKeras.Backend;
using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Backend;

public class TrainingHeapTests
{
    // LSTM(64) over 28 steps at batch 128: oneDNN takes about 38 MB of scratch and workspace per training step, above
    // the 16 MiB mmap threshold kept outside training.
    private const int Batch = 128;

    [Fact]
    public void Fit_KeepsAnLstmsStepBuffersOnASteadyHeap_AndRestoresTheThresholdAfterwards()
    {
        Keras.Backend.EnsureInitialized();
        using var model = Lstm();
        var (x, y) = Data(steps: 64);
        var heapAt = new Dictionary<int, long>();
        var active = new List<bool>();
        var record = new LambdaCallback(onTrainBatchEnd: (b, _) =>
        {
            active.Add(TrainingHeap.Active);
            heapAt[b] = TrainingHeap.HeapBytes();
        });

        model.Fit(x, y, batchSize: Batch, epochs: 1, verbose: 0, callbacks: [record]);

        if (!NativeHeap.Tuned)
        {
            Assert.DoesNotContain(true, active);
            return;
        }

        Assert.All(active, Assert.True);
        Assert.False(TrainingHeap.LastFellBack);
        Assert.False(TrainingHeap.Active);

        // A heap that the step's small objects fragment grows by tens of MB a step (about 1 GB over 100 steps before
        // the built-in step freed its scalars); a steady one only by what the step keeps (metric and optimizer state).
        var growth = heapAt[63] - heapAt[15];
        Assert.True(growth < 32 << 20, $"The heap grew by {growth >> 20} MiB over 48 steps.");
    }

    [Fact]
    public void Fit_FallsBackToTheDefaultThreshold_WhenTheHeapKeepsGrowing()
    {
        Keras.Backend.EnsureInitialized();
        using var model = Lstm();
        var (x, y) = Data(steps: 64);
        var kept = new List<Tensor>();
        var active = new List<bool>();
        // While the threshold is lifted, a callback keeps a 16 MB buffer per batch: heap the loop cannot reuse, as
        // fragmentation would leave. `empty` reserves it without touching its pages.
        var hoard = new LambdaCallback(onTrainBatchEnd: (_, _) =>
        {
            active.Add(TrainingHeap.Active);
            if (TrainingHeap.Active)
            {
                kept.Add(empty(4 << 20).DetachFromDisposeScope());
            }
        });
        var limit = TrainingHeap.GrowthLimit;
        TrainingHeap.GrowthLimit = 64 << 20;
        try
        {
            model.Fit(x, y, batchSize: Batch, epochs: 1, verbose: 0, callbacks: [hoard]);
        }
        finally
        {
            TrainingHeap.GrowthLimit = limit;
            kept.ForEach(t => t.Dispose());
        }

        if (!NativeHeap.Tuned)
        {
            Assert.DoesNotContain(true, active);
            return;
        }

        // The heap is measured every 16 steps; the first measure is the baseline. Free chunks left by earlier work
        // may take the first 16 buffers, not the next 16 (256 MB against a 64 MB limit).
        Assert.True(TrainingHeap.LastFellBack);
        Assert.All(active.Take(15), Assert.True);
        Assert.All(active.Skip(48), Assert.False);
        Assert.False(TrainingHeap.Active);
    }

    [Fact]
    public void EvaluateAndPredict_RunTheirBatchesWithTheLiftedThreshold_AndRestoreIt()
    {
        Keras.Backend.EnsureInitialized();
        using var model = Lstm();
        var (x, y) = Data(steps: 32);
        var evaluating = new List<bool>();
        var predicting = new List<bool>();
        var heapAt = new Dictionary<int, long>();
        var record = new LambdaCallback(
            onTestBatchEnd: (_, _) => evaluating.Add(TrainingHeap.Active),
            onPredictBatchEnd: (b, _) =>
            {
                predicting.Add(TrainingHeap.Active);
                heapAt[b] = TrainingHeap.HeapBytes();
            });

        model.Evaluate(x, y, batchSize: Batch, verbose: 0, callbacks: [record]);
        Assert.False(TrainingHeap.Active);
        using var predictions = model.PredictTensors(x, batchSize: Batch, verbose: 0, callbacks: [record])[0];

        Assert.Equal(32, evaluating.Count);
        Assert.Equal(32, predicting.Count);
        Assert.Equal([Batch * 32L, 10], predictions.shape);
        Assert.False(TrainingHeap.Active);
        if (!NativeHeap.Tuned)
        {
            Assert.DoesNotContain(true, evaluating.Concat(predicting));
            return;
        }

        Assert.All(evaluating, Assert.True);
        Assert.All(predicting, Assert.True);
        Assert.False(TrainingHeap.LastFellBack);

        // Inference steps reuse oneDNN's buffers too; the heap keeps only the predictions (5 KB a batch).
        var growth = heapAt[31] - heapAt[15];
        Assert.True(growth < 16 << 20, $"The heap grew by {growth >> 20} MiB over 16 prediction steps.");
    }

    private static Sequential Lstm()
    {
        Keras.Utils.SetRandomSeed(3);
        var model = new Sequential(new InputLayer(new Shape(28, 28)), new LSTM(64), new Dense(10, activation: "softmax"));
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        return model;
    }

    private static (Tensor X, Tensor Y) Data(int steps)
    {
        var generator = new Generator(7);
        var x = rand([steps * Batch, 28, 28], generator: generator);
        var y = randint(0, 10, [steps * Batch], generator: generator);
        return (x, y);
    }
}
