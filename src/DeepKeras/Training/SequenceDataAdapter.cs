using static TorchSharp.torch;

namespace DeepKeras.Training;

/// <summary>
/// Batches that come one by one from user code (a sequence, a <see cref="Utils.PyDataset"/>, a TorchSharp
/// <c>DataLoader</c>), each converted to device tensors only when asked for: a process of a distributed job that
/// computes only some of the batches converts only those.
/// </summary>
internal abstract class SequenceDataAdapter : DataAdapter
{
    /// <summary>Yields the batches of one pass, unconverted: calling an item converts it to a batch on the device.</summary>
    /// <param name="shuffle">Whether to shuffle the order of the batches, where the source allows it.</param>
    public abstract IEnumerable<Func<Batch>> Items(bool shuffle);

    /// <summary>
    /// Gets whether the source frees a batch's tensors when it moves to the next one (a TorchSharp <c>DataLoader</c>):
    /// a reader that moves on before using a batch must convert and copy it first.
    /// </summary>
    internal bool ItemsExpireOnMoveNext { get; init; }

    /// <inheritdoc/>
    public override IEnumerable<Batch> Epoch(bool shuffle)
    {
        foreach (var item in Items(shuffle))
        {
            yield return item();
        }
    }

    /// <summary>
    /// Converts one batch of user data into a batch on the device. The user's code that produced it ran before,
    /// outside every scope of ours: what it allocated stays the user's; what the conversion creates belongs to the batch.
    /// </summary>
    /// <param name="item">The inputs, targets and sample weights.</param>
    /// <param name="classWeight">Class index → weight, turned into the batch's sample weights, or null.</param>
    internal static Batch ToBatch(DataBatch item, IReadOnlyDictionary<int, double>? classWeight = null) => Build(() =>
    {
        var xs = DataPrep.PrepareX(item.X.ToTensors("x"), "x");
        var ys = item.Y is null ? null : DataPrep.PrepareY(item.Y.ToTensors("y"));
        var sw = item.SampleWeight?.ToTensors("sample_weight")[0].to(float32);
        if (classWeight is not null)
        {
            sw = sw is null
                ? ClassWeights.ToSampleWeights(classWeight, ys)
                : throw new ArgumentException("You cannot specify `class_weight` and `sample_weight` at the same time: the batches carry sample weights.",
                    nameof(classWeight));
        }

        DataPrep.CheckLengths(xs, ys, sw);
        return new Batch(xs, ys, sw).ToDevice();
    });
}
