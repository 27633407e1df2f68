using NumSharp;

namespace DeepKeras.Datasets;

/// <summary>One split of IMDB (sequences and labels) and the steps of Keras's <c>imdb.load_data</c>, each a new split.</summary>
internal sealed class ImdbSplit
{
    private readonly long[] _labels;
    private readonly NPTypeCode _labelType;

    /// <summary>Checks that the sequences and the labels have the same length.</summary>
    /// <param name="sequences">The sequences.</param>
    /// <param name="labels">The 1-D labels.</param>
    /// <param name="split">"train" or "test", for errors.</param>
    /// <param name="file">The file, for errors.</param>
    /// <exception cref="InvalidDataException">The lengths differ or the labels are not 1-D.</exception>
    public ImdbSplit(int[][] sequences, NDArray labels, string split, string file)
    {
        if (labels.ndim != 1 || labels.shape[0] != sequences.Length)
        {
            throw new InvalidDataException(
                $"{file} has {sequences.Length} {split} sequences but labels of shape ({string.Join(", ", labels.shape)}); expected ({sequences.Length},).");
        }

        Sequences = sequences;
        _labels = labels.astype(NPTypeCode.Int64).ToArray<long>();
        _labelType = labels.typecode;
    }

    private ImdbSplit(int[][] sequences, long[] labels, NPTypeCode labelType)
    {
        Sequences = sequences;
        _labels = labels;
        _labelType = labelType;
    }

    /// <summary>Gets the sequences.</summary>
    public int[][] Sequences { get; }

    /// <summary>Gets the labels with the file's dtype.</summary>
    public NDArray Labels => np.array(_labels).astype(_labelType);

    /// <summary>Gets the number of sequences.</summary>
    public int Count => Sequences.Length;

    /// <summary><c>x[indices]</c>, <c>labels[indices]</c>.</summary>
    /// <param name="indices">A permutation.</param>
    public ImdbSplit Permute(int[] indices) =>
        new(indices.Select(i => Sequences[i]).ToArray(), indices.Select(i => _labels[i]).ToArray(), _labelType);

    /// <summary><c>[start_char] + [w + index_from for w in x]</c> (no start character when it is null).</summary>
    /// <param name="startChar">The start id, or null.</param>
    /// <param name="indexFrom">The shift of word ranks.</param>
    public ImdbSplit Encode(int? startChar, int indexFrom)
    {
        var encoded = Sequences.Select(x =>
        {
            var offset = startChar is null ? 0 : 1;
            var seq = new int[x.Length + offset];
            if (startChar is { } start)
            {
                seq[0] = start;
            }

            for (var i = 0; i < x.Length; i++)
            {
                seq[i + offset] = x[i] + indexFrom;
            }

            return seq;
        }).ToArray();
        return new(encoded, _labels, _labelType);
    }

    /// <summary>Keras <c>remove_long_seq</c>: keeps the sequences (and labels) with fewer than <paramref name="maxlen"/> ids.</summary>
    /// <param name="maxlen">The length bound.</param>
    public ImdbSplit ShorterThan(int maxlen)
    {
        var keep = Enumerable.Range(0, Count).Where(i => Sequences[i].Length < maxlen).ToArray();
        return new(keep.Select(i => Sequences[i]).ToArray(), keep.Select(i => _labels[i]).ToArray(), _labelType);
    }

    /// <summary>Ids outside [<paramref name="skipTop"/>, <paramref name="numWords"/>) become <paramref name="oovChar"/>, or are dropped when it is null.</summary>
    /// <param name="skipTop">The lowest id kept.</param>
    /// <param name="numWords">The bound (exclusive) of ids kept.</param>
    /// <param name="oovChar">The replacement id, or null.</param>
    public ImdbSplit Vocabulary(int skipTop, int numWords, int? oovChar)
    {
        bool Keep(int w) => skipTop <= w && w < numWords;
        var mapped = Sequences.Select(x => oovChar is { } oov
            ? x.Select(w => Keep(w) ? w : oov).ToArray()
            : x.Where(Keep).ToArray()).ToArray();
        return new(mapped, _labels, _labelType);
    }
}
