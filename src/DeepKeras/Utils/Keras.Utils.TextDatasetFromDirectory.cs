using System.Runtime.CompilerServices;
using DeepKeras.Utils;
using DeepKeras.Utils.Folders;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Utils
    {
        /// <summary>
        /// Makes a dataset of text batches from a folder with one subfolder per class (Keras
        /// <c>keras.utils.text_dataset_from_directory</c>): <c>main/neg/*.txt</c>, <c>main/pos/*.txt</c> give labels 0 and 1.
        /// Only <c>.txt</c> files are read, in subfolders too; the file order, labels and split equal Keras's for the same
        /// seed, and Keras's <c>Found N files belonging to K classes.</c> lines are printed.
        /// </summary>
        /// <remarks>
        /// Keras returns a <c>tf.data.Dataset</c> of strings; here the result is a <see cref="TextDataset"/> of
        /// <c>(string[] Texts, NDArray? Labels)</c> batches. With <c>subset: "both"</c> it is the training dataset and
        /// deconstructs into the training and validation datasets: <c>var (train, val) = TextDatasetFromDirectory(…)</c>.
        /// </remarks>
        /// <param name="directory">The folder. With inferred labels, each subfolder not starting with <c>.</c> is a class.</param>
        /// <param name="labels"><c>"inferred"</c> (default) or null (no labels; every <c>.txt</c> file under the folder). The other
        /// overload takes explicit integer labels.</param>
        /// <param name="labelMode"><c>"int"</c> (default), <c>"categorical"</c>, <c>"binary"</c> (exactly two classes), or null (no labels).</param>
        /// <param name="classNames">With inferred labels, the subfolders to use, in label order (default: all, sorted).</param>
        /// <param name="batchSize">Texts per batch (default 32). Null (single texts) is refused.</param>
        /// <param name="maxLength">The most UTF-8 bytes kept of each text (cut at a whole character); null keeps all.</param>
        /// <param name="shuffle">Whether to shuffle the files (default true; else sorted order). Each enumeration reshuffles.</param>
        /// <param name="seed">Seed of the shuffles; required with <paramref name="validationSplit"/> and shuffling.</param>
        /// <param name="validationSplit">The fraction of files kept for validation (the last ones after shuffling).</param>
        /// <param name="subset"><c>"training"</c>, <c>"validation"</c> or <c>"both"</c>; only with <paramref name="validationSplit"/>.</param>
        /// <param name="followLinks">Whether to walk into subfolders that are symbolic links.</param>
        /// <param name="verbose">Whether to print the numbers of files and classes (default true).</param>
        /// <returns>The dataset (the training one, deconstructible into both, with <c>subset: "both"</c>).</returns>
        /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
        /// <exception cref="ArgumentException">Bad arguments or no text files found (Keras's messages).</exception>
        [OverloadResolutionPriority(1)]
        public static TextDataset TextDatasetFromDirectory(string directory, string? labels = "inferred", string? labelMode = "int",
            IReadOnlyList<string>? classNames = null, int? batchSize = 32, int? maxLength = null, bool shuffle = true, int? seed = null,
            double? validationSplit = null, string? subset = null, bool followLinks = false, bool verbose = true) =>
            TextDatasetFromDirectoryCore(directory, DirectoryLabels.Parse(labels, "text"), labelMode, classNames, batchSize, maxLength, shuffle, seed,
                validationSplit, subset, followLinks, verbose);

        /// <summary>
        /// Makes a dataset of text batches with explicit labels: one label per <c>.txt</c> file of the whole tree, in sorted
        /// walk order; the class names are the sorted distinct labels.
        /// </summary>
        /// <param name="directory">The folder; the folder structure is ignored.</param>
        /// <param name="labels">One integer label per text file, in sorted walk order.</param>
        /// <param name="labelMode"><c>"int"</c> (default), <c>"categorical"</c>, <c>"binary"</c>, or null (no labels).</param>
        /// <param name="classNames">Must be null: the class names come from the labels.</param>
        /// <param name="batchSize">Texts per batch (default 32).</param>
        /// <param name="maxLength">The most UTF-8 bytes kept of each text; null keeps all.</param>
        /// <param name="shuffle">Whether to shuffle the files (default true).</param>
        /// <param name="seed">Seed of the shuffles.</param>
        /// <param name="validationSplit">The fraction of files kept for validation.</param>
        /// <param name="subset"><c>"training"</c>, <c>"validation"</c> or <c>"both"</c>.</param>
        /// <param name="followLinks">Whether to walk into subfolders that are symbolic links.</param>
        /// <param name="verbose">Whether to print the numbers of files and classes.</param>
        /// <returns>The dataset (the training one, deconstructible into both, with <c>subset: "both"</c>).</returns>
        /// <exception cref="ArgumentException">The number of labels differs from the number of text files, or other bad arguments.</exception>
        public static TextDataset TextDatasetFromDirectory(string directory, IReadOnlyList<int> labels, string? labelMode = "int",
            IReadOnlyList<string>? classNames = null, int? batchSize = 32, int? maxLength = null, bool shuffle = true, int? seed = null,
            double? validationSplit = null, string? subset = null, bool followLinks = false, bool verbose = true) =>
            TextDatasetFromDirectoryCore(directory, DirectoryLabels.Parse(labels ?? throw new ArgumentNullException(nameof(labels)), "text"),
                labelMode, classNames, batchSize, maxLength, shuffle, seed, validationSplit, subset, followLinks, verbose);

        private static TextDataset TextDatasetFromDirectoryCore(string directory, DirectoryLabels? labels, string? labelMode,
            IReadOnlyList<string>? classNames, int? batchSize, int? maxLength, bool shuffle, int? seed, double? validationSplit, string? subset,
            bool followLinks, bool verbose)
        {
            if (maxLength is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"Expected a positive `max_length`. Received: max_length={maxLength}");
            }

            var (parts, mode, actualSeed) = FolderParts.Create(directory, labels, labelMode, classNames, batchSize, shuffle, seed, validationSplit,
                subset, followLinks, verbose, [".txt"], "text", part => $"No {part}text files found in directory {directory}. Allowed format: .txt");
            var sets = parts.Select(p => new TextDataset(new FolderSamples(p.Index, mode, batchSize!.Value, p.Shuffle, actualSeed), maxLength)).ToArray();
            return sets.Length == 2 ? sets[0].WithValidation(sets[1]) : sets[0];
        }
    }
}
