namespace DeepKeras.Utils.Folders;

/// <summary>
/// Keras's <c>labels</c> argument of the folder datasets, checked: <c>"inferred"</c> (one class per subfolder) or
/// explicit integer labels, one per file in sorted walk order; <c>null</c> (no labels) is kept as a null reference.
/// </summary>
internal sealed class DirectoryLabels
{
    private DirectoryLabels(int[]? explicitLabels) => Explicit = explicitLabels;

    /// <summary>Gets the labels inferred from the class subfolders.</summary>
    public static DirectoryLabels Inferred { get; } = new(null);

    /// <summary>Gets the explicit labels, or null when they are inferred.</summary>
    public int[]? Explicit { get; }

    /// <summary>Reads the argument: <c>"inferred"</c>, null, or integers (<c>int[]</c>, <c>List&lt;int&gt;</c>, …).</summary>
    /// <param name="labels">The argument.</param>
    /// <param name="what">What the files are, for the message (<c>image</c>, <c>text</c>).</param>
    /// <exception cref="ArgumentException">Anything else, with Keras's message.</exception>
    public static DirectoryLabels? Parse(object? labels, string what) => labels switch
    {
        null => null,
        "inferred" => Inferred,
        IEnumerable<int> list => new([.. list]),
        _ => throw new ArgumentException(
            $"`labels` argument should be a list/tuple of integer labels, of the same size as the number of {what} files in the target " +
            "directory. If you wish to infer the labels from the subdirectory names in the target directory, pass " +
            $"`labels=\"inferred\"`. If you wish to get a dataset that only contains {(what == "image" ? "images" : "text samples")} (no labels), " +
            $"pass `labels=None`. Received: labels={labels}", nameof(labels)),
    };

    /// <summary>Returns <c>inferred</c> or the explicit labels as Python prints a list.</summary>
    public override string ToString() => Explicit is null ? "inferred" : $"[{string.Join(", ", Explicit)}]";
}
