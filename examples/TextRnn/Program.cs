// Text classification with stacked bidirectional LSTMs, as Keras's example `bidirectional_lstm_imdb`.
//   dotnet run -c Release --project examples/TextRnn -- [--epochs 3] [--limit N] [--units 64] [--clipnorm 1.0] [--data DIR]
// Corpus: IMDB when imdb.npz is already in the Keras cache; otherwise --data DIR (one subfolder of .txt files per label,
// e.g. aclImdb/train with --classes neg,pos); otherwise Debian's fortune-cookie files (apt-get install fortunes),
// classified by topic. --limit N keeps the first N training and at most N test texts. Writes training_curves.png.
using DeepKeras;
using DeepKeras.Examples;
using DeepKeras.Examples.TextRnn;
using DeepKeras.Optimizers;
using DeepKeras.Plotting;

return Example.Run(args, new ExampleOptions(Epochs: 3, BatchSize: 32),
    extra => (Units: extra.Int("--units", 64, 1, 65536), MaxFeatures: extra.Int("--max-features", 20000, 1),
        Maxlen: extra.IntOrNull("--maxlen", 1), Clipnorm: extra.PositiveNumber("--clipnorm", 1.0), Data: extra.Text("--data", "DIR"),
        Classes: extra.Text("--classes", "a,b,...")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
    (run, o) =>
{
    // Prepare the data: token ids padded (in front) to a fixed length, one label per text.
    var data = TextData.Load(run.Limit, run.Seed, o.MaxFeatures, o.Maxlen, o.Data, o.Classes);
    var ((xTrain, yTrain), (xTest, yTest)) = (data.Train, data.Test);
    Console.WriteLine($"Corpus: {data.Corpus}; classes: {string.Join(", ", data.ClassNames)}");
    Console.WriteLine($"x_train shape: ({string.Join(", ", xTrain.shape)}), x_test shape: ({string.Join(", ", xTest.shape)}), vocabulary: {data.Vocabulary}");
    Console.WriteLine();

    // Build the model: Embedding(vocabulary, 128) → Bidirectional(LSTM(units, returnSequences)) → Bidirectional(LSTM(units)) → Dense.
    var model = Applications.Rnn.BidirectionalClassifier(RnnInput.Tokens(data.Vocabulary, 128), units: [o.Units, o.Units],
        cell: "lstm", classes: data.ClassNames.Count, name: "text_bilstm");
    model.Summary();

    // Train the model. Gradient clipping: every gradient tensor is rescaled to an L2 norm of at most `clipnorm` before
    // the Adam update, which keeps LSTM updates from exploding.
    var binary = data.ClassNames.Count == 2;
    model.Compile(optimizer: new Adam(clipnorm: o.Clipnorm), loss: binary ? "binary_crossentropy" : "sparse_categorical_crossentropy",
        metrics: ["accuracy"]);
    var history = model.Fit(xTrain, yTrain, batchSize: run.BatchSize, epochs: run.Epochs, validationData: (xTest, yTest), callbacks: [run.Clock]);

    // Evaluate the trained model.
    var (testLoss, testAccuracy) = model.Evaluate(xTest, yTest, batchSize: run.BatchSize, verbose: 0);
    Console.WriteLine($"Test loss: {testLoss:0.0000}");
    Console.WriteLine($"Test accuracy: {testAccuracy:0.0000}");

    run.Save("training_curves.png", path => Plots.TrainingCurves(history, path));
    return new ExampleResult(history, ("test_loss", testLoss), ("test_accuracy", testAccuracy), ("corpus", data.Corpus));
}, usageNote:
    "  corpus: IMDB when imdb.npz is in the Keras cache; else --data DIR (one subfolder of .txt files per label);\n" +
    "          else Debian's fortunes corpus (apt-get install fortunes), classified by topic file.");
