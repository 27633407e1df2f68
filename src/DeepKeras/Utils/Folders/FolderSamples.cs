using NumSharp;

namespace DeepKeras.Utils.Folders;

/// <summary>
/// The files and labels of one folder dataset (or one of its training/validation parts), cut into batches: the order
/// of the files is the index order until the first <see cref="NextEpoch"/>, then a new seeded permutation at every
/// epoch when shuffling (Keras's dataset reshuffles at every iteration).
/// </summary>
internal sealed class FolderSamples
{
    private readonly Random? _rng;
    private int[] _order;

    public FolderSamples(DirectoryIndex index, string? labelMode, int batchSize, bool shuffle, uint seed)
    {
        Index = index;
        LabelMode = labelMode;
        BatchSize = batchSize;
        _order = Enumerable.Range(0, index.Paths.Length).ToArray();
        _rng = shuffle ? new Random(unchecked((int)seed)) : null;
    }

    /// <summary>Gets the files, labels and class names.</summary>
    public DirectoryIndex Index { get; }

    /// <summary>Gets <c>int</c>, <c>categorical</c>, <c>binary</c>, or null without labels.</summary>
    public string? LabelMode { get; }

    /// <summary>Gets the samples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Gets the number of batches.</summary>
    public int Count => (Index.Paths.Length + BatchSize - 1) / BatchSize;

    /// <summary>Draws the order of the next epoch (when shuffling).</summary>
    public void NextEpoch()
    {
        if (_rng is null)
        {
            return;
        }

        var order = Enumerable.Range(0, Index.Paths.Length).ToArray();
        lock (_rng)
        {
            _rng.Shuffle(order);
        }

        _order = order;
    }

    /// <summary>Returns the sample indices of batch <paramref name="index"/> in the current order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside 0 … Count − 1.</exception>
    public int[] Batch(int index)
    {
        if (index < 0 || index >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected a batch index in [0, {Count}). Received: index={index}");
        }

        var order = _order;
        var start = index * BatchSize;
        return order[start..Math.Min(start + BatchSize, order.Length)];
    }

    /// <summary>
    /// The labels of <paramref name="samples"/> as Keras encodes them: <c>int</c> → int32 <c>(n,)</c>,
    /// <c>categorical</c> → float32 one-hot <c>(n, classes)</c>, <c>binary</c> → float32 <c>(n, 1)</c>; null without labels.
    /// </summary>
    public NDArray? Labels(int[] samples)
    {
        if (LabelMode is null || Index.Labels is not { } labels)
        {
            return null;
        }

        var picked = samples.Select(i => labels[i]).ToArray();
        switch (LabelMode)
        {
            case "int":
                return np.array(picked);
            case "binary":
                return np.array(picked.Select(l => (float)l).ToArray()).reshape(picked.Length, 1);
            default:
                var classes = Index.ClassNames!.Length;
                var oneHot = new float[picked.Length * classes];
                for (var i = 0; i < picked.Length; i++)
                {
                    if (picked[i] < 0 || picked[i] >= classes)
                    {
                        throw new InvalidOperationException($"Label {picked[i]} is outside the {classes} classes of label_mode=\"categorical\".");
                    }

                    oneHot[(i * classes) + picked[i]] = 1f;
                }

                return np.array(oneHot).reshape(picked.Length, classes);
        }
    }
}
