namespace DeepKeras.Utils;

/// <summary>
/// Where the labels of a folder dataset come from (Keras's <c>labels</c> argument of
/// <c>image_dataset_from_directory</c>): <c>"inferred"</c> (one class per subfolder) or an explicit list of integer
/// labels, one per file in the order <c>os.walk</c> lists them (folders and files sorted ordinally). Pass <c>null</c>
/// for no labels. Converts implicitly from <see cref="string"/> and <c>int[]</c>.
/// </summary>
public sealed class DirectoryLabels
{
    private DirectoryLabels(IReadOnlyList<int>? explicitLabels) => Explicit = explicitLabels;

    /// <summary>Gets the labels inferred from the class subfolders.</summary>
    public static DirectoryLabels Inferred { get; } = new(null);

    /// <summary>Gets the explicit labels, or null when they are inferred.</summary>
    public IReadOnlyList<int>? Explicit { get; }

    /// <summary>Converts <c>"inferred"</c>; anything else is refused with Keras's message.</summary>
    /// <param name="labels">The string <c>"inferred"</c>.</param>
    /// <exception cref="ArgumentException">Another string.</exception>
    public static implicit operator DirectoryLabels(string labels) => labels == "inferred" ? Inferred
        : throw new ArgumentException(
            "`labels` argument should be a list/tuple of integer labels, of the same size as the number of files in the target " +
            "directory. If you wish to infer the labels from the subdirectory names in the target directory, pass " +
            "`labels=\"inferred\"`. If you wish to get a dataset that only contains the files (no labels), pass `labels=None`. " +
            $"Received: labels={labels}", nameof(labels));

    /// <summary>Wraps explicit labels, one per file in sorted walk order.</summary>
    /// <param name="labels">The labels.</param>
    public static implicit operator DirectoryLabels(int[] labels) => new((int[])(labels ?? throw new ArgumentNullException(nameof(labels))).Clone());

    /// <summary>Returns <c>inferred</c> or the explicit labels as Keras prints them.</summary>
    public override string ToString() => Explicit is null ? "inferred" : $"[{string.Join(", ", Explicit)}]";
}
