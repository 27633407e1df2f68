using System.Text;
using DeepKeras.Datasets;
using NumSharp;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Datasets
    {
        /// <summary>
        /// CIFAR-10 (Keras <c>keras.datasets.cifar10</c>): 50,000 training and 10,000 test colour images, 32×32×3, in 10
        /// classes (0 airplane, 1 automobile, 2 bird, 3 cat, 4 deer, 5 dog, 6 frog, 7 horse, 8 ship, 9 truck).
        /// </summary>
        public static class Cifar10
        {
            /// <summary>The sha256 of <c>cifar-10-python.tar.gz</c>.</summary>
            public const string FileHash = "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce";

            /// <summary>Where Keras downloads the archive from.</summary>
            internal const string Url = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz";

            /// <summary>The extraction folder under <c>datasets/</c> (Keras's <c>get_file</c> fname).</summary>
            internal const string DirName = "cifar-10-batches-py-target";

            /// <summary>The folder inside the archive.</summary>
            internal const string InnerDir = "cifar-10-batches-py";

            /// <summary>The pickled batches, training first.</summary>
            internal static readonly string[] BatchFiles = ["data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch"];

            private const int Pixels = 32 * 32;

            /// <summary>The class names by label.</summary>
            public static IReadOnlyList<string> ClassNames { get; } =
                ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

            /// <summary>
            /// Loads CIFAR-10 (Keras <c>cifar10.load_data()</c>). The archive is downloaded on first use to
            /// <c>~/.keras/datasets/cifar-10-batches-py-target_archive</c>, checked against <see cref="FileHash"/> and
            /// extracted to <c>~/.keras/datasets/cifar-10-batches-py-target/cifar-10-batches-py/</c>; later calls read the
            /// extracted batches. The batches are Python pickles, read by a reader that never runs code from them.
            /// </summary>
            /// <returns>
            /// <c>((xTrain, yTrain), (xTest, yTest))</c>: uint8 images (50000, 32, 32, 3) and (10000, 32, 32, 3),
            /// channels last, values 0–255; uint8 labels (50000, 1) and (10000, 1).
            /// </returns>
            /// <exception cref="FileNotFoundException">Not cached and the download failed; the message says where to put the archive.</exception>
            /// <exception cref="InvalidDataException">The archive or a batch is damaged, or a batch is not a CIFAR pickle.</exception>
            /// <example><code>
            /// var ((xTrain, yTrain), (xTest, yTest)) = Keras.Datasets.Cifar10.LoadData();
            /// xTrain = xTrain.astype(np.float32) / 255f;   // (50000, 32, 32, 3)
            /// </code></example>
            public static ((NDArray XTrain, NDArray YTrain), (NDArray XTest, NDArray YTest)) LoadData() => Load(FileHash);

            /// <summary>Loads CIFAR-10, checking a downloaded archive against <paramref name="fileHash"/> (tests use their own archives).</summary>
            internal static ((NDArray XTrain, NDArray YTrain), (NDArray XTest, NDArray YTest)) Load(string? fileHash)
            {
                var dir = FindExtracted() ?? DownloadAndExtract(fileHash);
                var train = BatchFiles[..5].Select(f => ReadBatch(Path.Combine(dir, f))).ToList();
                var test = ReadBatch(Path.Combine(dir, BatchFiles[5]));
                return (ToArrays(train), ToArrays([test]));
            }

            private static string? FindExtracted()
            {
                foreach (var root in new[] { DataFile.CacheRoot, DataFile.FallbackRoot })
                {
                    var dir = Path.Combine(root, "datasets", DirName, InnerDir);
                    if (BatchFiles.All(f => File.Exists(Path.Combine(dir, f))))
                    {
                        return dir;
                    }
                }

                return null;
            }

            private static string DownloadAndExtract(string? fileHash)
            {
                const string hint = "Or extract cifar-10-python.tar.gz yourself so that the batches are in " +
                    "~/.keras/datasets/cifar-10-batches-py-target/cifar-10-batches-py/.";
                var archive = DataFile.Get($"{DirName}_archive", DataFile.MirrorOr(Url), fileHash, "datasets", hint);
                var extraction = Path.Combine(Path.GetDirectoryName(archive)!, DirName);
                TarArchive.Extract(archive, extraction);
                var dir = Path.Combine(extraction, InnerDir);
                var missing = BatchFiles.Where(f => !File.Exists(Path.Combine(dir, f))).ToList();
                if (missing.Count > 0)
                {
                    throw new InvalidDataException(
                        $"The archive {archive} does not contain the CIFAR-10 batches {string.Join(", ", missing)} under {InnerDir}/.");
                }

                return dir;
            }

            /// <summary>Keras <c>load_batch</c>: the <c>data</c> (n, 3072) channels-first bytes and the <c>labels</c> of one pickle.</summary>
            internal static (byte[] Data, byte[] Labels) ReadBatch(string path)
            {
                if (PickleReader.Load(path) is not Dictionary<object, object?> dict)
                {
                    throw new InvalidDataException($"'{path}' is not a CIFAR batch: the pickle does not hold a dict.");
                }

                // Python 2 pickles have byte-string keys; Keras decodes them as UTF-8.
                var entries = dict.ToDictionary(kv => kv.Key is byte[] b ? Encoding.UTF8.GetString(b) : kv.Key.ToString() ?? "", kv => kv.Value);
                if (!entries.TryGetValue("data", out var dataValue) || dataValue is not NDArray data ||
                    data.ndim != 2 || data.shape[1] != 3 * Pixels || data.typecode != NPTypeCode.Byte)
                {
                    throw new InvalidDataException($"'{path}' is not a CIFAR batch: expected 'data', a uint8 array of shape (n, 3072).");
                }

                if (!entries.TryGetValue("labels", out var labelsValue) || labelsValue is not List<object?> labelList ||
                    labelList.Count != data.shape[0] || labelList.Any(l => l is not long v || v is < 0 or > 255))
                {
                    throw new InvalidDataException(
                        $"'{path}' is not a CIFAR batch: expected 'labels', a list of {data.shape[0]} integers in 0–255.");
                }

                return (data.ToArray<byte>(), labelList.Select(l => (byte)(long)l!).ToArray());
            }

            // Keras stacks the batches as (n, 3, 32, 32) and transposes them to channels last, (n, 32, 32, 3).
            private static (NDArray X, NDArray Y) ToArrays(List<(byte[] Data, byte[] Labels)> batches)
            {
                var n = batches.Sum(b => b.Labels.Length);
                var x = new byte[n * 3 * Pixels];
                var y = new byte[n];
                var image = 0;
                foreach (var (data, labels) in batches)
                {
                    for (var i = 0; i < labels.Length; i++, image++)
                    {
                        var src = data.AsSpan(i * 3 * Pixels, 3 * Pixels);
                        var dst = x.AsSpan(image * 3 * Pixels, 3 * Pixels);
                        for (var p = 0; p < Pixels; p++)
                        {
                            dst[3 * p] = src[p];
                            dst[(3 * p) + 1] = src[Pixels + p];
                            dst[(3 * p) + 2] = src[(2 * Pixels) + p];
                        }

                        y[image] = labels[i];
                    }
                }

                return (new NDArray(x, new NumSharp.Shape(n, 32, 32, 3)), new NDArray(y, new NumSharp.Shape(n, 1)));
            }
        }
    }
}
