using DeepKeras.Datasets;
using NumSharp;

namespace DeepKeras;

public static partial class Keras
{
    /// <summary>
    /// Ready-to-use datasets (Keras <c>keras.datasets</c>). Files are cached in <c>$KERAS_HOME/datasets</c> or
    /// <c>~/.keras/datasets</c> (falling back to <c>/tmp/.keras</c> when that is not writable) and downloaded from
    /// Keras's servers on first use, with a checksum check; set <c>DEEPKERAS_DATASETS_ORIGIN</c> to use a mirror.
    /// Arrays come back as NumSharp <see cref="NDArray"/>s, as Keras returns numpy arrays.
    /// </summary>
    public static partial class Datasets
    {
        /// <summary>The MNIST handwritten digits (Keras <c>keras.datasets.mnist</c>): 60,000 training and 10,000 test images, 28×28 grayscale, labels 0–9.</summary>
        public static class Mnist
        {
            /// <summary>The sha256 of Keras's <c>mnist.npz</c>.</summary>
            public const string FileHash = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1";

            /// <summary>Loads MNIST (Keras <c>mnist.load_data(path="mnist.npz")</c>), downloading <c>mnist.npz</c> on first use.</summary>
            /// <param name="path">The file name in the cache (<c>~/.keras/datasets/</c>), or an absolute path.</param>
            /// <returns>
            /// <c>((xTrain, yTrain), (xTest, yTest))</c>: uint8 images of shape (60000, 28, 28) and (10000, 28, 28) with values
            /// 0–255, uint8 labels of shape (60000,) and (10000,).
            /// </returns>
            /// <exception cref="FileNotFoundException">Not cached and the download failed; the message says where to put the file.</exception>
            /// <exception cref="InvalidDataException">The file is damaged (hash mismatch, not an .npz, missing arrays).</exception>
            /// <example><code>
            /// var ((xTrain, yTrain), (xTest, yTest)) = Keras.Datasets.Mnist.LoadData();
            /// xTrain = xTrain.astype(np.float32) / 255f;
            /// </code></example>
            public static ((NDArray XTrain, NDArray YTrain), (NDArray XTest, NDArray YTest)) LoadData(string path = "mnist.npz") =>
                Load(path, FileHash);

            /// <summary>Loads an MNIST-layout .npz, checking it against <paramref name="fileHash"/> (tests use their own files).</summary>
            internal static ((NDArray XTrain, NDArray YTrain), (NDArray XTest, NDArray YTest)) Load(string path, string? fileHash)
            {
                var file = DataFile.Get(path, DataFile.Origin + "mnist.npz", fileHash);
                var arrays = NpzReader.Read(file);
                return ((arrays.Require("x_train", file), arrays.Require("y_train", file)),
                        (arrays.Require("x_test", file), arrays.Require("y_test", file)));
            }
        }
    }
}
