using DeepKeras.Layers;
using NumSharp;

namespace DeepKeras.Examples.TextRnn;

/// <summary>
/// The text classification data: padded token ids and labels for training and testing, with the vocabulary size, the
/// class names and the corpus name.
/// </summary>
internal static class TextData
{
    /// <summary>
    /// IMDB when imdb.npz is in the Keras cache and no <paramref name="dataDir"/> is given (the Keras example: the
    /// <paramref name="maxFeatures"/> most frequent words, reviews cut or padded in front to 200 words); else the texts of
    /// <paramref name="dataDir"/> (one subfolder per label) or Debian's fortunes, vectorized by <see cref="Vectorize"/>.
    /// </summary>
    /// <param name="limit">Keep the first N training and at most N test samples, or null for all.</param>
    /// <param name="seed">Seed of the 80/20 split of a folder or fortunes corpus.</param>
    /// <param name="maxFeatures">The vocabulary size.</param>
    /// <param name="maxlen">Tokens per text (default 200 for IMDB, 64 otherwise).</param>
    /// <param name="dataDir">A folder with one subfolder of .txt files per label, or null.</param>
    /// <param name="classes">The labels (subfolders or fortune topics) to use, or null for all / the default two.</param>
    /// <exception cref="FileNotFoundException">No corpus is available offline; the message says how to get one.</exception>
    public static ((NDArray X, NDArray Y) Train, (NDArray X, NDArray Y) Test, int Vocabulary, IReadOnlyList<string> ClassNames, string Corpus) Load(int? limit, int seed, int maxFeatures, int? maxlen, string? dataDir, IReadOnlyList<string>? classes)
    {
        if (dataDir is null && CachedImdb() is { } imdb)
        {
            var ((train, trainLabels), (test, testLabels)) = Keras.Datasets.Imdb.LoadData(imdb, numWords: maxFeatures);
            var (nTrain, nTest) = (Math.Min(train.Length, limit ?? int.MaxValue), Math.Min(test.Length, limit ?? int.MaxValue));
            return (
                (Keras.Utils.PadSequences(train[..nTrain], maxlen: maxlen ?? 200), trainLabels[$":{nTrain}"].astype(np.float32)),
                (Keras.Utils.PadSequences(test[..nTest], maxlen: maxlen ?? 200), testLabels[$":{nTest}"].astype(np.float32)),
                maxFeatures, ["negative", "positive"], "IMDB");
        }

        if (dataDir is null && !Directory.Exists(TextCorpus.FortunesDir))
        {
            throw new FileNotFoundException(
                "No text corpus available offline: IMDB is not cached (put imdb.npz in ~/.keras/datasets/), no --data DIR was given " +
                "(a folder with one subfolder of .txt files per label, e.g. aclImdb/train with --classes neg,pos), and Debian's " +
                "fortunes corpus is not installed (apt-get install fortunes, or ./build.sh setup).");
        }

        var corpus = dataDir is { } dir ? TextCorpus.FromFolder(dir, classes) : TextCorpus.Fortunes(classes);
        return Vectorize(corpus, limit, seed, maxFeatures, maxlen ?? 64);
    }

    // imdb.npz in the Keras cache ($KERAS_HOME or ~/.keras, then /tmp/.keras), or null: the example never downloads it.
    private static string? CachedImdb()
    {
        var home = Environment.GetEnvironmentVariable("KERAS_HOME");
        var roots = new[]
        {
            string.IsNullOrWhiteSpace(home) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".keras") : home,
            Path.Combine(Path.GetTempPath(), ".keras"),
        };
        return roots.Select(r => Path.Combine(r, "datasets", "imdb.npz")).FirstOrDefault(File.Exists);
    }

    // Shuffle, split 80/20, learn the vocabulary on the training texts, turn texts into ids and pad them in front.
    private static ((NDArray X, NDArray Y) Train, (NDArray X, NDArray Y) Test, int Vocabulary, IReadOnlyList<string> ClassNames, string Corpus) Vectorize(TextCorpus corpus, int? limit, int seed, int maxFeatures, int length)
    {
        var order = Enumerable.Range(0, corpus.Texts.Count).ToArray();
        new Random(seed).Shuffle(order);
        var testCount = corpus.Texts.Count / 5;
        var test = order[..testCount];
        var train = order[testCount..];
        if (limit is { } n)
        {
            (train, test) = (train[..Math.Min(n, train.Length)], test[..Math.Min(n, test.Length)]);
        }

        var vectorizer = new TextVectorization(maxTokens: maxFeatures);
        vectorizer.Adapt(train.Select(i => corpus.Texts[i]));
        NDArray Ids(int[] rows)
        {
            var ids = vectorizer.Transform(rows.Select(i => corpus.Texts[i]));
            var sequences = Enumerable.Range(0, rows.Length).Select(r => ids[r].ToArray<long>().Where(v => v != 0).Select(v => (int)v).ToArray());
            return Keras.Utils.PadSequences(sequences.ToList(), maxlen: length);
        }

        NDArray Labels(int[] rows) => np.array(rows.Select(i => (float)corpus.Labels[i]).ToArray());
        return ((Ids(train), Labels(train)), (Ids(test), Labels(test)), vectorizer.VocabularySize(), corpus.ClassNames, corpus.Name);
    }
}
