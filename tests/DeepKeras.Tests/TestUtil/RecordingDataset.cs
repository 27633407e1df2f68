using DeepKeras.Training;
using DeepKeras.Utils;
using static TorchSharp.torch;

namespace DeepKeras.Tests.TestUtil;

/// <summary>
/// A <see cref="PyDataset"/> of batches of 4 rows of (x, y[, w]) tensors that records its calls in a shared log as
/// <c>name.begin</c>, <c>name[i]</c> and <c>name.end</c>, like the Recorder of scripts/keras-golden/gen_data.py.
/// </summary>
internal sealed class RecordingDataset(string name, List<string> log, Tensor x, Tensor y, Tensor? w = null, int workers = 1, int maxQueueSize = 10)
    : PyDataset(workers, maxQueueSize)
{
    /// <summary>Gets or sets a delay of every <see cref="GetItem"/>, in milliseconds.</summary>
    public int SleepMs { get; init; }

    public override int Count => (int)x.shape[0] / 4;

    public override DataBatch GetItem(int index)
    {
        Record($"{name}[{index}]");
        if (SleepMs > 0)
        {
            Thread.Sleep(SleepMs);
        }

        var (xs, ys) = (x.narrow(0, 4 * index, 4), y.narrow(0, 4 * index, 4));
        return w is null ? (xs, ys) : (xs, ys, w.narrow(0, 4 * index, 4));
    }

    public override void OnEpochBegin() => Record($"{name}.begin");

    public override void OnEpochEnd() => Record($"{name}.end");

    private void Record(string call)
    {
        lock (log)
        {
            log.Add(call);
        }
    }
}
