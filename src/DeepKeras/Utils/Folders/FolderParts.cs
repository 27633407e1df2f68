namespace DeepKeras.Utils.Folders;

/// <summary>
/// The argument checks and the indexing/splitting that <c>image_dataset_from_directory</c> and
/// <c>text_dataset_from_directory</c> share, with Keras's messages: the parts to build datasets from (one, or the
/// training and validation parts for <c>subset: "both"</c>).
/// </summary>
internal static class FolderParts
{
    /// <summary>
    /// Checks the arguments (Keras's names; see <c>Keras.Utils.ImageDatasetFromDirectory</c>), indexes the folder and
    /// returns the parts with the shuffle flag of each, the label mode (null without labels) and the seed used.
    /// </summary>
    /// <param name="directory">The dataset folder.</param>
    /// <param name="labels">Inferred or explicit labels, or null for none.</param>
    /// <param name="labelMode"><c>int</c>, <c>categorical</c>, <c>binary</c> or null.</param>
    /// <param name="classNames">The classes to keep, in label order.</param>
    /// <param name="batchSize">Samples per batch; must be positive.</param>
    /// <param name="shuffle">Whether to shuffle.</param>
    /// <param name="seed">The seed; a random one when null.</param>
    /// <param name="validationSplit">The validation fraction.</param>
    /// <param name="subset"><c>training</c>, <c>validation</c>, <c>both</c> or null.</param>
    /// <param name="followLinks">Whether to walk into linked folders.</param>
    /// <param name="verbose">Whether to print the counts.</param>
    /// <param name="formats">The file extensions to keep.</param>
    /// <param name="what">What the files are, for messages: <c>image</c>, <c>text</c>.</param>
    /// <param name="noneFound">The error when a part is empty, given the part's adjective (<c>""</c>, <c>"training "</c>).</param>
    public static (List<(DirectoryIndex Index, bool Shuffle)> Parts, string? LabelMode, uint Seed) Create(string directory, DirectoryLabels? labels,
        string? labelMode, IReadOnlyList<string>? classNames, int? batchSize, bool shuffle, int? seed, double? validationSplit, string? subset,
        bool followLinks, bool verbose, string[] formats, string what, Func<string, string> noneFound)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (labels?.Explicit is not null && classNames is { Count: > 0 })
        {
            throw new ArgumentException(
                $"You can only pass `class_names` if `labels=\"inferred\"`. Received: labels={labels}, and class_names={DirectoryIndex.PyList(classNames)}",
                nameof(classNames));
        }

        if (labelMode is not ("int" or "categorical" or "binary" or null))
        {
            throw new ArgumentException(
                $"`label_mode` argument must be one of \"int\", \"categorical\", \"binary\", or None. Received: label_mode={labelMode}", nameof(labelMode));
        }

        if (batchSize is not { } b || b < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize,
                $"Expected a positive `batch_size`: the {what} dataset is a PyDataset of whole batches (batch_size=None, single samples, " +
                $"is not supported). Received: batch_size={(batchSize is null ? "None" : batchSize.ToString())}");
        }

        if (labels is null || labelMode is null)
        {
            (labels, labelMode) = (null, null);
        }

        DirectoryIndex.CheckValidationSplit(validationSplit, subset, shuffle, seed);
        var actualSeed = seed is { } s ? (uint)s : (uint)System.Random.Shared.Next(1_000_000);
        var index = DirectoryIndex.Create(directory, labels, formats, classNames, shuffle, actualSeed, followLinks, verbose);
        if (labelMode == "binary" && index.ClassNames!.Length != 2)
        {
            throw new ArgumentException(
                $"When passing `label_mode=\"binary\"`, there must be exactly 2 class_names. Received: class_names={DirectoryIndex.PyList(index.ClassNames)}",
                nameof(labelMode));
        }

        var parts = new List<(DirectoryIndex, bool)>();
        if (subset == "both")
        {
            var train = index.Split(validationSplit, "training");
            var val = index.Split(validationSplit, "validation");
            Require(train, noneFound("training "));
            Require(val, noneFound("validation "));
            parts.Add((train, shuffle));
            parts.Add((val, false));
        }
        else
        {
            var part = subset is null ? index : index.Split(validationSplit, subset);
            Require(part, noneFound(""));
            parts.Add((part, shuffle));
        }

        return (parts, labelMode, actualSeed);
    }

    private static void Require(DirectoryIndex part, string message)
    {
        if (part.Paths.Length == 0)
        {
            throw new ArgumentException(message, "directory");
        }
    }
}
