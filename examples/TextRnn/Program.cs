// Text classification with stacked bidirectional LSTMs, the Keras example `bidirectional_lstm_imdb`:
//   dotnet run -c Release --project examples/TextRnn -- --epochs 3
// Embedding(vocabulary, 128) → Bidirectional(LSTM(64, returnSequences)) → Bidirectional(LSTM(64)) → Dense.
// Corpus: IMDB when imdb.npz is already in the Keras cache; otherwise --data DIR (one subfolder of .txt files per label,
// e.g. aclImdb/train with --classes neg,pos); otherwise Debian's fortune-cookie files (apt-get install fortunes),
// classified by topic. Adam clips each gradient to norm 1.0 (`clipnorm`), which keeps LSTM updates from exploding.
// Last line: `RESULT test_accuracy=... train_seconds=... corpus=...`.
using System.Diagnostics;
using System.Globalization;
using DeepKeras;
using DeepKeras.Examples;
using DeepKeras.Examples.TextRnn;
using DeepKeras.Layers;
using DeepKeras.Optimizers;
using DeepKeras.Plotting;
using NumSharp;
using static DeepKeras.Keras;

const string usage =
    "usage: dotnet run -c Release --project examples/TextRnn -- [--epochs N] [--limit N (train and test samples)] [--batch-size N]\n" +
    "         [--units N] [--max-features N] [--maxlen N] [--clipnorm X] [--data DIR] [--classes a,b,...]\n" +
    "         [--device auto|cpu|cuda] [--out DIR] [--seed N]\n" +
    "  corpus: IMDB when imdb.npz is in the Keras cache; else --data DIR (one subfolder of .txt files per label);\n" +
    "          else Debian's fortunes corpus (apt-get install fortunes), classified by topic file.";
var defaults = new ExampleOptions(Epochs: 3, Limit: null, BatchSize: 32, Device: "auto", OutDir: null, Seed: 42);
var exitCode = ExampleOptions.TryParse(args, defaults, usage, ["--units", "--max-features", "--maxlen", "--clipnorm", "--data", "--classes"],
    extra => (
        extra.Int("--units", 64, 1, 65536),
        extra.Int("--max-features", 20000, 1, int.MaxValue),
        extra.Text("--maxlen") is null ? (int?)null : extra.Int("--maxlen", 0, 1, int.MaxValue),
        extra.PositiveNumber("--clipnorm", 1.0),
        extra.Text("--data"),
        extra.Text("--classes")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
    out var parsed, out var settings);
if (parsed is not { } options)
{
    return exitCode;
}

var (units, maxFeatures, maxlen, clipnorm, dataDir, classes) = settings;

Utils.SetRandomSeed(options.Seed);
Console.WriteLine(Keras.Backend.Describe());
Console.WriteLine();

NDArray xTrain, yTrain, xTest, yTest;
int vocabulary;
IReadOnlyList<string> classNames;
string corpusName;
try
{
    var imdb = CachedImdb();
    if (dataDir is null && imdb is not null)
    {
        // The Keras example: the 20,000 most frequent words, reviews cut or padded (in front) to 200 words.
        var ((train, trainLabels), (test, testLabels)) = Datasets.Imdb.LoadData(imdb, numWords: maxFeatures);
        var length = maxlen ?? 200;
        var (nTrain, nTest) = (Math.Min(train.Length, options.Limit ?? int.MaxValue), Math.Min(test.Length, options.Limit ?? int.MaxValue));
        xTrain = Utils.PadSequences(train[..nTrain], maxlen: length);
        xTest = Utils.PadSequences(test[..nTest], maxlen: length);
        yTrain = trainLabels[$":{nTrain}"].astype(np.float32);
        yTest = testLabels[$":{nTest}"].astype(np.float32);
        (vocabulary, classNames, corpusName) = (maxFeatures, ["negative", "positive"], "IMDB");
    }
    else
    {
        if (dataDir is null && !Directory.Exists(TextCorpus.FortunesDir))
        {
            Console.Error.WriteLine(
                "No text corpus available offline: IMDB is not cached (put imdb.npz in ~/.keras/datasets/), no --data DIR was given " +
                "(a folder with one subfolder of .txt files per label, e.g. aclImdb/train with --classes neg,pos), and Debian's " +
                "fortunes corpus is not installed (apt-get install fortunes, or ./build.sh setup).");
            return 1;
        }

        var corpus = dataDir is { } dir ? TextCorpus.FromFolder(dir, classes) : TextCorpus.Fortunes(classes);
        (xTrain, yTrain, xTest, yTest, vocabulary) = Vectorize(corpus, options, maxFeatures, maxlen);
        (classNames, corpusName) = (corpus.ClassNames, corpus.Name);
    }
}
catch (Exception e) when (e is IOException or ArgumentException or InvalidDataException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

var binary = classNames.Count == 2;
Console.WriteLine($"Corpus: {corpusName}; classes: {string.Join(", ", classNames)}");
Console.WriteLine($"x_train shape: ({string.Join(", ", xTrain.shape)}), x_test shape: ({string.Join(", ", xTest.shape)}), vocabulary: {vocabulary}");
Console.WriteLine();

var model = Applications.Rnn.BidirectionalClassifier(RnnInput.Tokens(vocabulary, 128), units: [units, units],
    cell: "lstm", classes: classNames.Count, name: "text_bilstm");
model.Summary();

// Gradient clipping: every gradient tensor is rescaled to an L2 norm of at most `clipnorm` before the Adam update.
model.Compile(optimizer: new Adam(clipnorm: clipnorm), loss: binary ? "binary_crossentropy" : "sparse_categorical_crossentropy",
    metrics: ["accuracy"]);

var clock = Stopwatch.StartNew();
var history = model.Fit(xTrain, yTrain, batchSize: options.BatchSize, epochs: options.Epochs, validationData: (xTest, yTest), verbose: 1);
var trainSeconds = clock.Elapsed.TotalSeconds;

var (testLoss, testAccuracy) = model.Evaluate(xTest, yTest, batchSize: options.BatchSize, verbose: 0);
Console.WriteLine($"Test loss: {testLoss:0.0000}");
Console.WriteLine($"Test accuracy: {testAccuracy:0.0000}");

if (options.OutDir is { } outDir)
{
    Directory.CreateDirectory(outDir);
    var curves = Path.Combine(outDir, "training_curves.png");
    Plots.TrainingCurves(history, curves);
    Console.WriteLine($"Wrote {curves}");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RESULT test_accuracy={testAccuracy:0.0000} train_seconds={trainSeconds:0.0} corpus=\"{corpusName}\""));
return 0;

// imdb.npz in the Keras cache ($KERAS_HOME or ~/.keras, then /tmp/.keras), or null: the example never downloads it.
static string? CachedImdb()
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
static (NDArray XTrain, NDArray YTrain, NDArray XTest, NDArray YTest, int Vocabulary) Vectorize(TextCorpus corpus, ExampleOptions options, int maxFeatures, int? maxlen)
{
    var order = Enumerable.Range(0, corpus.Texts.Count).ToArray();
    new System.Random(options.Seed).Shuffle(order);
    var testCount = corpus.Texts.Count / 5;
    var test = order[..testCount];
    var train = order[testCount..];
    if (options.Limit is { } limit)
    {
        (train, test) = (train[..Math.Min(limit, train.Length)], test[..Math.Min(limit, test.Length)]);
    }

    var vectorizer = new TextVectorization(maxTokens: maxFeatures);
    vectorizer.Adapt(train.Select(i => corpus.Texts[i]));
    var length = maxlen ?? 64;
    NDArray Ids(int[] rows)
    {
        var ids = vectorizer.Transform(rows.Select(i => corpus.Texts[i]));
        var sequences = Enumerable.Range(0, rows.Length).Select(r => ids[r].ToArray<long>().Where(v => v != 0).Select(v => (int)v).ToArray());
        return Utils.PadSequences(sequences.ToList(), maxlen: length);
    }

    NDArray Labels(int[] rows) => np.array(rows.Select(i => (float)corpus.Labels[i]).ToArray());
    return (Ids(train), Labels(train), Ids(test), Labels(test), vectorizer.VocabularySize());
}
