using DeepKeras.Datasets;
using NumSharp;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Datasets
    {
        /// <summary>
        /// Fashion-MNIST (Keras <c>keras.datasets.fashion_mnist</c>): 60,000 training and 10,000 test images of clothing,
        /// 28×28 grayscale, 10 classes (0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt,
        /// 7 Sneaker, 8 Bag, 9 Ankle boot).
        /// </summary>
        public static class FashionMnist
        {
            /// <summary>The cache folder under the Keras cache root.</summary>
            internal const string CacheSubdir = "datasets/fashion-mnist";

            /// <summary>The four IDX files, in Keras's order.</summary>
            internal static readonly string[] Files =
                ["train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"];

            /// <summary>The class names by label.</summary>
            public static IReadOnlyList<string> ClassNames { get; } =
                ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

            /// <summary>
            /// Loads Fashion-MNIST (Keras <c>fashion_mnist.load_data()</c>) from <c>~/.keras/datasets/fashion-mnist/</c>,
            /// downloading the four <c>.gz</c> files on first use.
            /// </summary>
            /// <returns>
            /// <c>((xTrain, yTrain), (xTest, yTest))</c>: uint8 images of shape (60000, 28, 28) and (10000, 28, 28) with values
            /// 0–255, uint8 labels of shape (60000,) and (10000,).
            /// </returns>
            /// <exception cref="FileNotFoundException">A file is not cached and cannot be downloaded; the message says where to put it.</exception>
            /// <exception cref="InvalidDataException">A file is damaged, or image and label counts differ.</exception>
            /// <example><code>
            /// var ((xTrain, yTrain), (xTest, yTest)) = Keras.Datasets.FashionMnist.LoadData();
            /// xTrain = xTrain.astype(np.float32) / 255f;
            /// </code></example>
            public static ((NDArray XTrain, NDArray YTrain), (NDArray XTest, NDArray YTest)) LoadData()
            {
                const string hint = "On Debian/Ubuntu, `./build.sh setup` seeds this folder from Debian's dataset-fashion-mnist package " +
                    "(/usr/share/datasets/fashion-mnist).";
                var paths = Files.Select(f => DataFile.Get(f, DataFile.Origin + f, null, CacheSubdir, hint)).ToArray();
                var yTrain = IdxReader.Read(paths[0]);
                var xTrain = IdxReader.Read(paths[1]);
                var yTest = IdxReader.Read(paths[2]);
                var xTest = IdxReader.Read(paths[3]);
                CheckPair(xTrain, yTrain, paths[1], paths[0]);
                CheckPair(xTest, yTest, paths[3], paths[2]);
                return ((xTrain, yTrain), (xTest, yTest));
            }

            private static void CheckPair(NDArray images, NDArray labels, string imagesPath, string labelsPath)
            {
                if (images.ndim != 3 || labels.ndim != 1 || images.shape[0] != labels.shape[0])
                {
                    throw new InvalidDataException(
                        $"{imagesPath} has shape ({string.Join(", ", images.shape)}) and {labelsPath} has shape ({string.Join(", ", labels.shape)}); " +
                        "expected (n, 28, 28) images and (n,) labels with the same n.");
                }
            }
        }
    }
}
