using System.Collections;
using System.Text;
using DeepKeras.Utils.Folders;
using NumSharp;

namespace DeepKeras.Utils;

/// <summary>
/// Batches of texts read from class folders, made by <c>Keras.Utils.TextDatasetFromDirectory</c> (Keras returns a
/// <c>tf.data.Dataset</c> of string batches with <c>class_names</c>). Each item is <c>(Texts, Labels)</c>: the batch's
/// file contents and its labels (null without labels), encoded as the image dataset encodes them.
/// </summary>
/// <remarks>
/// Files are read when their batch is asked for. Texts are strings, which a model cannot take directly: turn them into
/// numbers first, e.g. with a <c>TextVectorization</c> layer adapted on the training texts. With <c>shuffle: true</c>
/// every enumeration (<c>foreach</c>) serves the files in a new order drawn from the seed; the indexer follows the order
/// of the latest enumeration (before any, <see cref="FilePaths"/>).
/// </remarks>
public sealed class TextDataset : IEnumerable<(string[] Texts, NDArray? Labels)>
{
    private readonly FolderSamples _samples;
    private readonly int? _maxLength;
    private TextDataset? _validation;

    internal TextDataset(FolderSamples samples, int? maxLength) => (_samples, _maxLength) = (samples, maxLength);

    /// <summary>Gets the class names in label order, or null without labels.</summary>
    public IReadOnlyList<string>? ClassNames => _samples.Index.ClassNames;

    /// <summary>Gets the text files in index order.</summary>
    public IReadOnlyList<string> FilePaths => _samples.Index.Paths;

    /// <summary>Gets the label of each file of <see cref="FilePaths"/>, or null without labels.</summary>
    public IReadOnlyList<int>? Labels => _samples.Index.Labels;

    /// <summary>Gets the texts per batch (the last batch may be smaller).</summary>
    public int BatchSize => _samples.BatchSize;

    /// <summary>Gets the number of batches.</summary>
    public int Count => _samples.Count;

    /// <summary>Reads batch <paramref name="index"/>: the texts (UTF-8, cut to <c>maxLength</c> bytes) and the labels.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the batches.</exception>
    public (string[] Texts, NDArray? Labels) this[int index]
    {
        get
        {
            var samples = _samples.Batch(index);
            return (samples.Select(i => Read(_samples.Index.Paths[i])).ToArray(), _samples.Labels(samples));
        }
    }

    /// <summary>Serves the batches in order, after drawing a new file order when shuffling.</summary>
    public IEnumerator<(string[] Texts, NDArray? Labels)> GetEnumerator()
    {
        _samples.NextEpoch();
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Splits the result of <c>subset: "both"</c> into the training and validation datasets (Keras returns the pair).</summary>
    /// <param name="training">This dataset, the training part.</param>
    /// <param name="validation">The validation part.</param>
    /// <exception cref="InvalidOperationException">The dataset was not made with <c>subset: "both"</c>.</exception>
    public void Deconstruct(out TextDataset training, out TextDataset validation)
    {
        training = this;
        validation = _validation ?? throw new InvalidOperationException(
            "Only a dataset made with subset: \"both\" splits into (training, validation); this one has no validation part.");
    }

    internal TextDataset WithValidation(TextDataset validation)
    {
        _validation = validation;
        return this;
    }

    // tf.strings.substr(text, 0, max_length) counts bytes; the cut backs off to a whole UTF-8 character.
    private string Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var length = bytes.Length;
        if (_maxLength is { } max && length > max)
        {
            length = max;
            while (length > 0 && (bytes[length] & 0xC0) == 0x80)
            {
                length--;
            }
        }

        return Encoding.UTF8.GetString(bytes, 0, length);
    }
}
