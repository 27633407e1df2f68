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
        var (x, y) = Data(steps: 48);
        var kept = new List<Tensor>();
        var active = new List<bool>();
        // A callback that keeps a 4 MB tensor per batch: memory the loop cannot reuse, as fragmentation would leave.
        var hoard = new LambdaCallback(onTrainBatchEnd: (_, _) =>
        {
            kept.Add(zeros(1 << 20).DetachFromDisposeScope());
            active.Add(TrainingHeap.Active);
        });
        var limit = TrainingHeap.GrowthLimit;
        TrainingHeap.GrowthLimit = 16 << 20;
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

        // Checked every 16 steps: the first check (step 16) sets the baseline; by step 32 the heap has grown by 64 MB.
        Assert.True(TrainingHeap.LastFellBack);
        Assert.All(active.Take(31), Assert.True);
        Assert.All(active.Skip(32), Assert.False);
        Assert.False(TrainingHeap.Active);
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
