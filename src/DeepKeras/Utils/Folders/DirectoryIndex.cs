using DeepKeras.Datasets;

namespace DeepKeras.Utils.Folders;

/// <summary>
/// The files of a folder dataset in Keras's order (Keras <c>dataset_utils.index_directory</c>): class subfolders sorted
/// (or as <c>class_names</c> lists them), each walked like <c>os.walk</c> with folders and files sorted ordinally, then the
/// whole list shuffled with numpy's <c>RandomState(seed)</c>, so the same seed gives the same files and labels as Keras.
/// </summary>
/// <param name="Paths">The file paths, <c>directory</c> joined with the path relative to it.</param>
/// <param name="Labels">The label of each file, or null without labels.</param>
/// <param name="ClassNames">The class names in label order, or null without labels.</param>
internal sealed record DirectoryIndex(string[] Paths, int[]? Labels, string[]? ClassNames)
{
    /// <summary>Lists the files of <paramref name="directory"/> with their labels (Keras <c>index_directory</c>).</summary>
    /// <param name="directory">The dataset folder.</param>
    /// <param name="labels">Inferred or explicit labels; null for none.</param>
    /// <param name="formats">Lower-case file extensions to keep (<c>.png</c>, <c>.txt</c>).</param>
    /// <param name="classNames">The classes to keep, in label order (inferred labels only).</param>
    /// <param name="shuffle">Whether to shuffle the files (else they stay in sorted order).</param>
    /// <param name="seed">The shuffle seed (numpy <c>RandomState</c>).</param>
    /// <param name="followLinks">Whether to walk into folders that are symbolic links.</param>
    /// <param name="verbose">Whether to print Keras's <c>Found N files belonging to K classes.</c> line.</param>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="ArgumentException">Class names or explicit labels do not match the folder (Keras's messages).</exception>
    public static DirectoryIndex Create(string directory, DirectoryLabels? labels, string[] formats, IReadOnlyList<string>? classNames,
        bool shuffle, uint seed, bool followLinks, bool verbose)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"Could not find directory {directory}: the `directory` argument must be an existing folder. Received: directory={directory}");
        }

        string[] subdirs;
        if (labels?.Explicit is null && labels is not null)
        {
            var found = Directory.GetDirectories(directory).Select(Path.GetFileName).OfType<string>()
                .Where(d => !d.StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
            if (classNames is not null)
            {
                if (!classNames.All(found.Contains))
                {
                    throw new ArgumentException(
                        "The `class_names` passed did not match the names of the subdirectories of the target directory. " +
                        $"Expected: {PyList(found)} (or a subset of it), but received: class_names={PyList(classNames)}", nameof(classNames));
                }

                found = [.. classNames];
            }

            subdirs = found;
        }
        else
        {
            if (classNames is not null)
            {
                throw new ArgumentException(labels is null
                    ? "When `labels=None` (no labels), argument `class_names` cannot be specified."
                    : "When argument `labels` is specified, argument `class_names` cannot be specified (the `class_names` will be the sorted list of labels).",
                    nameof(classNames));
            }

            subdirs = [""];
        }

        var files = new List<string>();
        var fileLabels = new List<int>();
        for (var c = 0; c < subdirs.Length; c++)
        {
            foreach (var relative in WalkSorted(Path.Combine(directory, subdirs[c]), followLinks, formats))
            {
                files.Add(subdirs[c].Length == 0 ? relative : subdirs[c] + "/" + relative);
                fileLabels.Add(c);
            }
        }

        int[]? result;
        string[]? names;
        if (labels is null)
        {
            (result, names) = (null, null);
        }
        else if (labels.Explicit is { } given)
        {
            if (given.Length != files.Count)
            {
                throw new ArgumentException(
                    "Expected the lengths of `labels` to match the number of files in the target directory. " +
                    $"len(labels) is {given.Length} while we found {files.Count} files in directory {directory}.", nameof(labels));
            }

            result = [.. given];
            names = given.Distinct().Order().Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }
        else
        {
            (result, names) = (fileLabels.ToArray(), subdirs);
        }

        if (verbose)
        {
            Console.WriteLine(names is null ? $"Found {files.Count} files." : $"Found {files.Count} files belonging to {names.Length} classes.");
        }

        var paths = files.Select(f => Path.Combine(directory, f)).ToArray();
        if (shuffle)
        {
            new NumpyRandomState(seed).Shuffle(paths);
            if (result is not null)
            {
                new NumpyRandomState(seed).Shuffle(result);
            }
        }

        return new DirectoryIndex(paths, result, names);
    }

    /// <summary>
    /// The training or validation part (Keras <c>get_training_or_validation_split</c>): the validation part is the
    /// last <c>int(validationSplit · n)</c> files, the training part the rest; prints Keras's <c>Using M files for …</c>.
    /// Like Keras, a split that rounds to 0 validation files gives an empty training part and all files for validation.
    /// </summary>
    /// <param name="validationSplit">The fraction for validation; null or 0 keeps every file.</param>
    /// <param name="subset"><c>training</c> or <c>validation</c>.</param>
    public DirectoryIndex Split(double? validationSplit, string subset)
    {
        if (validationSplit is not { } split || split == 0)
        {
            return this;
        }

        var n = Paths.Length;
        var numVal = (int)(split * n);
        var (start, count) = subset == "training" ? (0, numVal == 0 ? 0 : n - numVal) : (numVal == 0 ? 0 : n - numVal, numVal == 0 ? n : numVal);
        Console.WriteLine(subset == "training" ? $"Using {n - numVal} files for training." : $"Using {numVal} files for validation.");
        return this with { Paths = Paths[start..(start + count)], Labels = Labels?[start..(start + count)] };
    }

    /// <summary>Keras <c>check_validation_split_arg</c>: the argument errors, with Keras's messages.</summary>
    /// <exception cref="ArgumentException">A bad combination of the arguments.</exception>
    public static void CheckValidationSplit(double? validationSplit, string? subset, bool shuffle, int? seed)
    {
        var hasSplit = validationSplit is { } v && v != 0;
        if (hasSplit && validationSplit is not (> 0 and < 1))
        {
            throw new ArgumentException($"`validation_split` must be between 0 and 1, received: {Py(validationSplit!.Value)}", nameof(validationSplit));
        }

        if ((hasSplit || !string.IsNullOrEmpty(subset)) && !(hasSplit && !string.IsNullOrEmpty(subset)))
        {
            throw new ArgumentException("If `subset` is set, `validation_split` must be set, and inversely.", nameof(subset));
        }

        if (subset is not ("training" or "validation" or "both" or null))
        {
            throw new ArgumentException($"`subset` must be either \"training\", \"validation\" or \"both\", received: {subset}", nameof(subset));
        }

        if (hasSplit && shuffle && seed is null)
        {
            throw new ArgumentException(
                "If using `validation_split` and shuffling the data, you must provide a `seed` argument, to make sure that there is " +
                "no overlap between the training and validation subset.", nameof(seed));
        }

        if (seed is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(seed), seed, $"Expected a `seed` between 0 and 2**32 - 1 (numpy RandomState). Received: seed={seed}");
        }
    }

    /// <summary>A list as Python prints a list of strings: <c>['a', 'b']</c>.</summary>
    internal static string PyList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(s => $"'{s}'")) + "]";

    private static string Py(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    // os.walk sorted by folder path, files sorted within each folder; paths relative to `top`, "/"-separated.
    private static IEnumerable<string> WalkSorted(string top, bool followLinks, string[] formats)
    {
        var folders = new List<string> { "" };
        var seen = new HashSet<string>(StringComparer.Ordinal) { Real(new DirectoryInfo(top)) };
        for (var i = 0; i < folders.Count; i++)
        {
            var dir = new DirectoryInfo(folders[i].Length == 0 ? top : Path.Combine(top, folders[i]));
            foreach (var sub in SafeEnumerate(dir.EnumerateDirectories))
            {
                if (sub.LinkTarget is not null && (!followLinks || !seen.Add(Real(sub))))
                {
                    continue;
                }

                folders.Add(folders[i].Length == 0 ? sub.Name : folders[i] + "/" + sub.Name);
            }
        }

        foreach (var folder in folders.Order(StringComparer.Ordinal))
        {
            var dir = new DirectoryInfo(folder.Length == 0 ? top : Path.Combine(top, folder));
            foreach (var name in SafeEnumerate(dir.EnumerateFiles).Select(f => f.Name).Order(StringComparer.Ordinal))
            {
                var lower = name.ToLowerInvariant();
                if (formats.Any(lower.EndsWith))
                {
                    yield return folder.Length == 0 ? name : folder + "/" + name;
                }
            }
        }
    }

    private static string Real(DirectoryInfo dir) => (dir.ResolveLinkTarget(returnFinalTarget: true) ?? dir).FullName;

    // os.walk ignores folders it cannot list.
    private static IEnumerable<T> SafeEnumerate<T>(Func<IEnumerable<T>> list)
    {
        try
        {
            return list().ToList();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return [];
        }
    }
}
