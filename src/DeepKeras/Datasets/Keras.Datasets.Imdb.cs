using System.Text.Json;
using DeepKeras.Datasets;
using NumSharp;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Datasets
    {
        /// <summary>
        /// The IMDB movie-review sentiment dataset (Keras <c>keras.datasets.imdb</c>): 25,000 training and 25,000 test
        /// reviews labelled 0 (negative) or 1 (positive), each already encoded as a list of word ranks (the word
        /// ranked 1 is the most frequent). Index 0 is padding, 1 marks the start of a review and 2 an out-of-vocabulary
        /// word, so real words start at <c>indexFrom</c> (3).
        /// </summary>
        public static class Imdb
        {
            /// <summary>The sha256 of Keras's <c>imdb.npz</c>.</summary>
            public const string FileHash = "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f";

            /// <summary>The md5 of Keras's <c>imdb_word_index.json</c>.</summary>
            public const string WordIndexHash = "bfafd718b763782e994055a2d397834f";

            /// <summary>
            /// Loads IMDB (Keras <c>imdb.load_data</c>) from <c>~/.keras/datasets/imdb.npz</c>, downloading it on first use.
            /// Like Keras it shuffles the training and then the test reviews with one <c>np.random.RandomState(seed)</c>
            /// (the same MT19937 generator and shuffle, so the order equals Keras's), prefixes each review with
            /// <paramref name="startChar"/>, shifts word ranks by <paramref name="indexFrom"/>, drops reviews of
            /// <paramref name="maxlen"/> words or more, and replaces words outside [<paramref name="skipTop"/>,
            /// <paramref name="numWords"/>) by <paramref name="oovChar"/>.
            /// </summary>
            /// <param name="path">The file name in the cache (<c>~/.keras/datasets/</c>), or an absolute path.</param>
            /// <param name="numWords">Keep only ids below this (the most frequent words); null (or 0) keeps every word except, as in Keras, the largest id.</param>
            /// <param name="skipTop">Ids below this (the most frequent words) become <paramref name="oovChar"/>.</param>
            /// <param name="maxlen">Drop sequences whose length (start character included) is <paramref name="maxlen"/> or more; null (or 0) keeps all.</param>
            /// <param name="seed">The shuffle seed, 0 to 2³²−1 as numpy accepts (default 113).</param>
            /// <param name="startChar">The id put at the start of every sequence (default 1); null for none.</param>
            /// <param name="oovChar">The id of words cut by <paramref name="numWords"/>/<paramref name="skipTop"/> (default 2); null drops them instead.</param>
            /// <param name="indexFrom">Added to every word rank (default 3: ids 0–2 are reserved).</param>
            /// <returns>
            /// <c>((xTrain, yTrain), (xTest, yTest))</c>: the sequences as <c>int[][]</c> (one array per review, lengths
            /// differ; pad them with <see cref="Utils.PadSequences"/>) and the labels as NDArrays (int64 in Keras's file).
            /// </returns>
            /// <exception cref="ArgumentOutOfRangeException"><paramref name="seed"/> is negative.</exception>
            /// <exception cref="ArgumentException"><paramref name="maxlen"/> filtered out every sequence of a split.</exception>
            /// <exception cref="FileNotFoundException">Not cached and the download failed; the message says where to put the file.</exception>
            /// <exception cref="InvalidDataException">The file is damaged, or holds something other than lists of integers.</exception>
            /// <example><code>
            /// var ((xTrain, yTrain), (xTest, yTest)) = Keras.Datasets.Imdb.LoadData(numWords: 20000);
            /// var x = Keras.Utils.PadSequences(xTrain, maxlen: 200);
            /// </code></example>
            public static ((int[][] XTrain, NDArray YTrain), (int[][] XTest, NDArray YTest)) LoadData(string path = "imdb.npz", int? numWords = null,
                int skipTop = 0, int? maxlen = null, int seed = 113, int? startChar = 1, int? oovChar = 2, int indexFrom = 3) =>
                Load(path, FileHash, numWords, skipTop, maxlen, seed, startChar, oovChar, indexFrom);

            /// <summary>
            /// The word index (Keras <c>imdb.get_word_index</c>): word → frequency rank, from <c>imdb_word_index.json</c>.
            /// Add <c>indexFrom</c> (3) to a rank to get the id used in the sequences.
            /// </summary>
            /// <param name="path">The file name in the cache, or an absolute path.</param>
            /// <returns>The word index.</returns>
            /// <exception cref="FileNotFoundException">Not cached and the download failed.</exception>
            /// <exception cref="InvalidDataException">The file is not a JSON object of word → integer.</exception>
            /// <example><code>
            /// var index = Keras.Datasets.Imdb.GetWordIndex();
            /// var words = index.ToDictionary(kv => kv.Value + 3, kv => kv.Key);   // id → word
            /// </code></example>
            public static Dictionary<string, int> GetWordIndex(string path = "imdb_word_index.json") => LoadWordIndex(path, WordIndexHash);

            /// <summary>Loads an IMDB-layout .npz, checking it against <paramref name="fileHash"/> (tests use their own files).</summary>
            internal static ((int[][] XTrain, NDArray YTrain), (int[][] XTest, NDArray YTest)) Load(string path, string? fileHash, int? numWords = null,
                int skipTop = 0, int? maxlen = null, int seed = 113, int? startChar = 1, int? oovChar = 2, int indexFrom = 3)
            {
                if (seed < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(seed), seed, $"Expected `seed` between 0 and 2**32 - 1, as numpy's RandomState. Received: seed={seed}");
                }

                var file = DataFile.Get(path, DataFile.Origin + "imdb.npz", fileHash);
                var entries = NpzReader.Read<object>(file, (stream, key) => key switch
                {
                    // object, not the switch's natural type: NumSharp would convert int[][] to NDArray implicitly.
                    "x_train" or "x_test" => (object)NpyReader.ReadIntLists(stream, key),
                    "y_train" or "y_test" => NpyReader.Read(stream, key),
                    _ => null,
                });
                var train = new ImdbSplit((int[][])entries.Require("x_train", file), (NDArray)entries.Require("y_train", file), "train", file);
                var test = new ImdbSplit((int[][])entries.Require("x_test", file), (NDArray)entries.Require("y_test", file), "test", file);

                var rng = new NumpyRandomState((uint)seed);
                train = train.Permute(rng.ShuffledIndices(train.Count));
                test = test.Permute(rng.ShuffledIndices(test.Count));
                train = train.Encode(startChar, indexFrom);
                test = test.Encode(startChar, indexFrom);

                if (maxlen is { } max and not 0)
                {
                    train = train.ShorterThan(max);
                    test = test.ShorterThan(max);
                    if (train.Count == 0 || test.Count == 0)
                    {
                        throw new ArgumentException(
                            $"After filtering for sequences shorter than maxlen={max}, no sequence was kept. Increase maxlen.", nameof(maxlen));
                    }
                }

                // Keras: `if not num_words: num_words = max(max(x) for x in xs)`, a bound that excludes the largest id itself.
                var limit = numWords is { } n and not 0
                    ? n
                    : train.Sequences.Concat(test.Sequences).Where(s => s.Length > 0).Select(s => s.Max()).DefaultIfEmpty(0).Max();
                train = train.Vocabulary(skipTop, limit, oovChar);
                test = test.Vocabulary(skipTop, limit, oovChar);
                return ((train.Sequences, train.Labels), (test.Sequences, test.Labels));
            }

            /// <summary>Loads a word-index JSON file, checking it against <paramref name="fileHash"/>.</summary>
            internal static Dictionary<string, int> LoadWordIndex(string path, string? fileHash)
            {
                var file = DataFile.Get(path, DataFile.Origin + "imdb_word_index.json", fileHash);
                try
                {
                    using var stream = File.OpenRead(file);
                    return JsonSerializer.Deserialize<Dictionary<string, int>>(stream)
                        ?? throw new InvalidDataException($"{file} holds null, expected a JSON object of word → index.");
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"{file} is not a JSON object of word → integer index: {e.Message}", e);
                }
            }
        }
    }
}
