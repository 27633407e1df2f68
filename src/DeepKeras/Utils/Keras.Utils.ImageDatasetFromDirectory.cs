using System.Runtime.CompilerServices;
using DeepKeras.Layers;
using DeepKeras.Utils;
using DeepKeras.Utils.Folders;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Utils
    {
        private static readonly string[] ImageFormats = [".bmp", ".gif", ".jpeg", ".jpg", ".png"];

        /// <summary>
        /// Makes a dataset of image batches from a folder with one subfolder per class (Keras
        /// <c>keras.utils.image_dataset_from_directory</c>): <c>main/class_a/*.jpg</c>, <c>main/class_b/*.png</c> give
        /// labels 0 and 1. Files <c>.bmp</c>, <c>.gif</c> (first frame), <c>.jpeg</c>, <c>.jpg</c> and <c>.png</c> are
        /// read, in subfolders too; the file order, the labels and the training/validation split equal Keras's for the same
        /// seed. Prints Keras's <c>Found N files belonging to K classes.</c> and <c>Using M files for training.</c>.
        /// </summary>
        /// <remarks>
        /// Keras returns a <c>tf.data.Dataset</c>; here the result is an <see cref="ImageDataset"/>, a
        /// <see cref="PyDataset"/> that <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> take directly. With
        /// <c>subset: "both"</c> it is the training dataset and deconstructs into the training and validation datasets,
        /// so <c>var (train, val) = ImageDatasetFromDirectory(dir, validationSplit: 0.2, subset: "both", seed: 1337);</c>
        /// reads as in Keras. Images are resized with <see cref="Ops.Image.Resize"/> (no antialiasing, as
        /// <c>tf.image.resize</c>).
        /// </remarks>
        /// <param name="directory">The folder. With inferred labels, each subfolder not starting with <c>.</c> is a class.</param>
        /// <param name="labels"><c>"inferred"</c> (default: from the subfolders) or null (no labels; every image file under
        /// <paramref name="directory"/>, the folder structure ignored). The other overload takes explicit integer labels.</param>
        /// <param name="labelMode"><c>"int"</c> (default), <c>"categorical"</c> (one-hot), <c>"binary"</c> (0/1 floats, exactly two
        /// classes), or null (no labels, as <c>labels: null</c>).</param>
        /// <param name="classNames">With inferred labels, the subfolders to use, in label order (default: all, sorted).</param>
        /// <param name="colorMode"><c>"grayscale"</c> (1 channel), <c>"rgb"</c> (3, default) or <c>"rgba"</c> (4).</param>
        /// <param name="batchSize">Images per batch (default 32). Null (single images) is refused: the dataset is made of batches.</param>
        /// <param name="imageSize">The <c>(height, width)</c> every image is resized to; null: (256, 256).</param>
        /// <param name="shuffle">Whether to shuffle the files (default true; else they are in sorted order). Each epoch reshuffles.</param>
        /// <param name="seed">Seed of the shuffles (numpy's <c>RandomState</c> for the file order, as Keras). Required with
        /// <paramref name="validationSplit"/> and shuffling.</param>
        /// <param name="validationSplit">The fraction of files kept for validation (the last ones after shuffling), between 0 and 1.</param>
        /// <param name="subset"><c>"training"</c>, <c>"validation"</c> or <c>"both"</c>; only with <paramref name="validationSplit"/>.</param>
        /// <param name="interpolation">Resize method: <c>"bilinear"</c> (default), <c>"nearest"</c> or <c>"bicubic"</c>. Keras's
        /// TensorFlow-only methods (<c>"area"</c>, <c>"lanczos3"</c>, <c>"lanczos5"</c>, <c>"gaussian"</c>, <c>"mitchellcubic"</c>) are refused.</param>
        /// <param name="followLinks">Whether to walk into subfolders that are symbolic links.</param>
        /// <param name="cropToAspectRatio">Whether to crop the centre of each image to the target aspect ratio before resizing.</param>
        /// <param name="padToAspectRatio">Whether to pad each image with zeros to the target aspect ratio before resizing.</param>
        /// <param name="dataFormat"><c>"channels_last"</c> (default, null) or <c>"channels_first"</c>.</param>
        /// <param name="verbose">Whether to print the numbers of files and classes (default true).</param>
        /// <returns>The dataset (the training one, deconstructible into both, with <c>subset: "both"</c>).</returns>
        /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
        /// <exception cref="ArgumentException">Bad arguments or no images found (Keras's messages).</exception>
        /// <exception cref="NotSupportedException">A TensorFlow-only interpolation.</exception>
        /// <example><code>
        /// var (train, val) = Keras.Utils.ImageDatasetFromDirectory("flowers", validationSplit: 0.2, subset: "both",
        ///     seed: 1337, imageSize: (180, 180), batchSize: 64);
        /// Console.WriteLine(string.Join(", ", train.ClassNames!));
        /// model.Fit(train, validationData: val, epochs: 10);
        /// </code></example>
        [OverloadResolutionPriority(1)]
        public static ImageDataset ImageDatasetFromDirectory(string directory, string? labels = "inferred", string? labelMode = "int",
            IReadOnlyList<string>? classNames = null, string colorMode = "rgb", int? batchSize = 32, (int Height, int Width)? imageSize = null,
            bool shuffle = true, int? seed = null, double? validationSplit = null, string? subset = null, string interpolation = "bilinear",
            bool followLinks = false, bool cropToAspectRatio = false, bool padToAspectRatio = false, string? dataFormat = null, bool verbose = true)
        {
            return ImageDatasetFromDirectoryCore(directory, DirectoryLabels.Parse(labels, "image"), labelMode, classNames, colorMode, batchSize, imageSize, shuffle, seed,
                validationSplit, subset, interpolation, followLinks, cropToAspectRatio, padToAspectRatio, dataFormat, verbose);
        }

        /// <summary>
        /// Makes a dataset of image batches with explicit labels (Keras <c>image_dataset_from_directory(directory, labels=[…])</c>):
        /// one label per image file of the whole tree under <paramref name="directory"/>, in sorted walk order (folders and
        /// files sorted ordinally, a folder's files before its subfolders'); the class names are the sorted distinct labels.
        /// </summary>
        /// <inheritdoc cref="ImageDatasetFromDirectory(string, string?, string?, IReadOnlyList{string}?, string, int?, ValueTuple{int, int}?, bool, int?, double?, string?, string, bool, bool, bool, string?, bool)" path="/remarks"/>
        /// <param name="directory">The folder; the folder structure is ignored.</param>
        /// <param name="labels">One integer label per image file, in sorted walk order.</param>
        /// <param name="labelMode"><c>"int"</c> (default), <c>"categorical"</c>, <c>"binary"</c> (exactly two distinct labels), or null (no labels).</param>
        /// <param name="classNames">Must be null: the class names come from the labels (Keras's error otherwise).</param>
        /// <param name="colorMode"><c>"grayscale"</c>, <c>"rgb"</c> (default) or <c>"rgba"</c>.</param>
        /// <param name="batchSize">Images per batch (default 32).</param>
        /// <param name="imageSize">The <c>(height, width)</c> of the images; null: (256, 256).</param>
        /// <param name="shuffle">Whether to shuffle the files (default true).</param>
        /// <param name="seed">Seed of the shuffles.</param>
        /// <param name="validationSplit">The fraction of files kept for validation.</param>
        /// <param name="subset"><c>"training"</c>, <c>"validation"</c> or <c>"both"</c>.</param>
        /// <param name="interpolation"><c>"bilinear"</c> (default), <c>"nearest"</c> or <c>"bicubic"</c>.</param>
        /// <param name="followLinks">Whether to walk into subfolders that are symbolic links.</param>
        /// <param name="cropToAspectRatio">Whether to crop each image to the target aspect ratio before resizing.</param>
        /// <param name="padToAspectRatio">Whether to pad each image to the target aspect ratio before resizing.</param>
        /// <param name="dataFormat"><c>"channels_last"</c> (default, null) or <c>"channels_first"</c>.</param>
        /// <param name="verbose">Whether to print the numbers of files and classes.</param>
        /// <returns>The dataset (the training one, deconstructible into both, with <c>subset: "both"</c>).</returns>
        /// <exception cref="ArgumentException">The number of labels differs from the number of image files, or other bad arguments.</exception>
        public static ImageDataset ImageDatasetFromDirectory(string directory, IReadOnlyList<int> labels, string? labelMode = "int",
            IReadOnlyList<string>? classNames = null, string colorMode = "rgb", int? batchSize = 32, (int Height, int Width)? imageSize = null,
            bool shuffle = true, int? seed = null, double? validationSplit = null, string? subset = null, string interpolation = "bilinear",
            bool followLinks = false, bool cropToAspectRatio = false, bool padToAspectRatio = false, string? dataFormat = null, bool verbose = true) =>
            ImageDatasetFromDirectoryCore(directory, DirectoryLabels.Parse(labels ?? throw new ArgumentNullException(nameof(labels)), "image"),
                labelMode, classNames, colorMode, batchSize, imageSize, shuffle, seed, validationSplit, subset, interpolation, followLinks,
                cropToAspectRatio, padToAspectRatio, dataFormat, verbose);

        private static ImageDataset ImageDatasetFromDirectoryCore(string directory, DirectoryLabels? labels, string? labelMode,
            IReadOnlyList<string>? classNames, string colorMode, int? batchSize, (int Height, int Width)? imageSize, bool shuffle, int? seed,
            double? validationSplit, string? subset, string interpolation, bool followLinks, bool cropToAspectRatio, bool padToAspectRatio,
            string? dataFormat, bool verbose)
        {
            var mode = ModeOf(colorMode, "`color_mode` must be one of {\"rgb\", \"rgba\", \"grayscale\"}");
            var size = imageSize ?? (256, 256);
            if (size.Height < 1 || size.Width < 1)
            {
                throw new ArgumentException(
                    $"Invalid `image_size` value. Expected a tuple of 2 positive integers. Received: image_size=({size.Height}, {size.Width})", nameof(imageSize));
            }

            interpolation = (interpolation ?? throw new ArgumentNullException(nameof(interpolation))).ToLowerInvariant();
            string[] keras = ["bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian", "mitchellcubic"];
            if (!keras.Contains(interpolation))
            {
                throw new ArgumentException(
                    $"Argument `interpolation` should be one of ({string.Join(", ", keras.Select(k => $"'{k}'"))}). Received: interpolation={interpolation}",
                    nameof(interpolation));
            }

            if (interpolation is not ("bilinear" or "nearest" or "bicubic"))
            {
                throw new NotSupportedException(
                    $"interpolation=\"{interpolation}\" is a TensorFlow resize method; DeepKeras resizes with keras.ops.image.resize as the torch " +
                    "backend does, which offers \"bilinear\", \"nearest\" and \"bicubic\".");
            }

            if (cropToAspectRatio && padToAspectRatio)
            {
                throw new ArgumentException("Only one of `pad_to_aspect_ratio`, `crop_to_aspect_ratio` can be set to `True`.", nameof(padToAspectRatio));
            }

            var channelsFirst = ConvArgs.DataFormat(dataFormat) == "channels_first";
            var allowed = "Allowed formats: " + PyTuple(ImageFormats);
            var (parts, mode2, actualSeed) = FolderParts.Create(directory, labels, labelMode, classNames, batchSize, shuffle, seed, validationSplit,
                subset, followLinks, verbose, ImageFormats, "image", part => $"No {part}images found in directory {directory}. {allowed}");
            var sets = parts.Select(p => new ImageDataset(new FolderSamples(p.Index, mode2, batchSize!.Value, p.Shuffle, actualSeed), size, mode,
                interpolation, cropToAspectRatio, padToAspectRatio, channelsFirst)).ToArray();
            return sets.Length == 2 ? sets[0].WithValidation(sets[1]) : sets[0];
        }

        private static string PyTuple(IEnumerable<string> items) => "(" + string.Join(", ", items.Select(s => $"'{s}'")) + ")";
    }
}
