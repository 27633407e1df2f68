using DeepKeras.Layers;
using DeepKeras.Models;

namespace DeepKeras;

public static partial class Applications
{
    /// <summary>
    /// Recurrent networks for sequences: stacked and bidirectional classifiers (text as token ids through an
    /// <c>Embedding</c>, or real-valued sequences such as images read row by row) and a regressor that predicts the next
    /// values of a series from a window of past steps. Every recurrent layer but the last returns its whole sequence
    /// (<c>returnSequences</c>), so the next one reads one vector per time step.
    /// </summary>
    public static class Rnn
    {
        /// <summary>The recurrent cell types, as the <c>cell</c> argument takes them.</summary>
        public static IReadOnlyList<string> CellTypes { get; } = ["simple_rnn", "lstm", "gru"];

        /// <summary>
        /// A stacked recurrent classifier: the input (and <c>Embedding</c> for tokens), one recurrent layer per entry of
        /// <paramref name="units"/> (all but the last with <c>returnSequences</c>), optional <c>Dropout</c> after each,
        /// then the classifier: <c>Dense(1, "sigmoid")</c> for 2 classes, <c>Dense(classes, "softmax")</c> otherwise.
        /// </summary>
        /// <param name="input">What the model reads: <see cref="RnnInput.Tokens"/> or <see cref="RnnInput.Sequence"/>.</param>
        /// <param name="units">Units of the recurrent layers, first to last (default [64, 64]).</param>
        /// <param name="cell"><c>"simple_rnn"</c>, <c>"lstm"</c> (default) or <c>"gru"</c>.</param>
        /// <param name="classes">Number of classes (default 2: one sigmoid unit, for <c>binary_crossentropy</c>).</param>
        /// <param name="dropout">Rate of a <c>Dropout</c> after each recurrent layer, in [0, 1) (default 0: none).</param>
        /// <param name="classifierActivation">Activation of the last layer; null (default) picks sigmoid or softmax as above, <c>"linear"</c> gives logits.</param>
        /// <param name="name">The model name.</param>
        /// <returns>The built (not compiled) model.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
        /// <exception cref="ArgumentException">Unknown <paramref name="cell"/>, no or non-positive units, too few classes, or a bad dropout rate.</exception>
        /// <example><code>
        /// var model = Applications.Rnn.StackedClassifier(RnnInput.Tokens(10000, 32, maskZero: true), units: [32, 32], cell: "gru");
        /// model.Compile(optimizer: "adam", loss: "binary_crossentropy", metrics: ["accuracy"]);
        /// </code></example>
        public static Sequential StackedClassifier(RnnInput input, IReadOnlyList<int>? units = null, string cell = "lstm", int classes = 2,
            double dropout = 0.0, string? classifierActivation = null, string? name = null)
        {
            ArgumentNullException.ThrowIfNull(input);
            var stack = CheckStack(units ?? [64, 64], cell, dropout);
            var layers = input.CreateLayers().ToList();
            layers.AddRange(RecurrentStack(stack, cell, dropout, static l => l));
            layers.Add(Classifier(classes, classifierActivation));
            return new Sequential(layers, name);
        }

        /// <summary>
        /// A bidirectional recurrent classifier: like <see cref="StackedClassifier"/>, with every recurrent layer wrapped
        /// in <c>Bidirectional</c>. With <c>RnnInput.Tokens(20000, 128)</c>, units [64, 64] and the LSTM cell it is the
        /// Keras example <c>bidirectional_lstm_imdb</c>: Embedding(20000, 128) → Bidirectional(LSTM(64, return_sequences))
        /// → Bidirectional(LSTM(64)) → Dense(1, sigmoid), 2,757,761 parameters.
        /// </summary>
        /// <param name="input">What the model reads: <see cref="RnnInput.Tokens"/> or <see cref="RnnInput.Sequence"/>.</param>
        /// <param name="units">Units of each direction of the recurrent layers, first to last (default [64, 64]).</param>
        /// <param name="cell"><c>"simple_rnn"</c>, <c>"lstm"</c> (default) or <c>"gru"</c>.</param>
        /// <param name="classes">Number of classes (default 2: one sigmoid unit).</param>
        /// <param name="mergeMode">How the two directions combine: <c>"concat"</c> (default), <c>"sum"</c>, <c>"mul"</c> or <c>"ave"</c>.</param>
        /// <param name="dropout">Rate of a <c>Dropout</c> after each recurrent layer, in [0, 1) (default 0: none).</param>
        /// <param name="classifierActivation">Activation of the last layer; null (default) picks sigmoid or softmax, <c>"linear"</c> gives logits.</param>
        /// <param name="name">The model name.</param>
        /// <returns>The built (not compiled) model.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
        /// <exception cref="ArgumentException">Unknown <paramref name="cell"/> or merge mode, no or non-positive units, too few classes, or a bad dropout rate.</exception>
        /// <example><code>
        /// var model = Applications.Rnn.BidirectionalClassifier(RnnInput.Tokens(20000, 128), units: [64, 64]);
        /// model.Summary();   // Total params: 2,757,761
        /// </code></example>
        public static Sequential BidirectionalClassifier(RnnInput input, IReadOnlyList<int>? units = null, string cell = "lstm", int classes = 2,
            string mergeMode = "concat", double dropout = 0.0, string? classifierActivation = null, string? name = null)
        {
            ArgumentNullException.ThrowIfNull(input);
            var stack = CheckStack(units ?? [64, 64], cell, dropout);
            if (mergeMode is not ("concat" or "sum" or "mul" or "ave"))
            {
                throw new ArgumentException(
                    $"Received an invalid value for `merge_mode`, expected one of \"concat\", \"sum\", \"mul\", \"ave\". Received: merge_mode={mergeMode}",
                    nameof(mergeMode));
            }

            var layers = input.CreateLayers().ToList();
            layers.AddRange(RecurrentStack(stack, cell, dropout, l => new Bidirectional(l, mergeMode)));
            layers.Add(Classifier(classes, classifierActivation));
            return new Sequential(layers, name);
        }

        /// <summary>
        /// A sequence regressor for forecasting ("tomorrow's price from the past days"): a window of
        /// <paramref name="timesteps"/> past steps with <paramref name="features"/> values each → stacked recurrent layers
        /// → <c>Dense(outputs)</c> with no activation (the next <paramref name="outputs"/> values). Compile it with
        /// <c>mse</c> or <c>mae</c>; scale the series first (e.g. standardize with the training part's mean and std).
        /// </summary>
        /// <param name="timesteps">Length of the input window, or null for any length.</param>
        /// <param name="features">Values per step (default 1: a univariate series).</param>
        /// <param name="units">Units of the recurrent layers, first to last (default [32]).</param>
        /// <param name="cell"><c>"simple_rnn"</c>, <c>"lstm"</c> (default) or <c>"gru"</c>.</param>
        /// <param name="outputs">Number of values predicted (default 1: the next step).</param>
        /// <param name="dropout">Rate of a <c>Dropout</c> after each recurrent layer, in [0, 1) (default 0: none).</param>
        /// <param name="name">The model name.</param>
        /// <returns>The built (not compiled) model with output shape (None, outputs).</returns>
        /// <exception cref="ArgumentException">Unknown <paramref name="cell"/>, non-positive sizes, or a bad dropout rate.</exception>
        /// <example><code>
        /// var model = Applications.Rnn.SequenceRegressor(timesteps: 30, units: [32]);
        /// model.Compile(optimizer: "adam", loss: "mse", metrics: ["mae"]);
        /// </code></example>
        public static Sequential SequenceRegressor(int? timesteps, int features = 1, IReadOnlyList<int>? units = null, string cell = "lstm",
            int outputs = 1, double dropout = 0.0, string? name = null)
        {
            var input = RnnInput.Sequence(timesteps, features);
            var stack = CheckStack(units ?? [32], cell, dropout);
            if (outputs <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(outputs), outputs,
                    $"Received an invalid value for `outputs`, expected a positive integer. Received: outputs={outputs}");
            }

            var layers = input.CreateLayers().ToList();
            layers.AddRange(RecurrentStack(stack, cell, dropout, static l => l));
            layers.Add(new Dense(outputs));
            return new Sequential(layers, name);
        }

        /// <summary>Creates one recurrent layer of the given cell type.</summary>
        /// <param name="cell"><c>"simple_rnn"</c>, <c>"lstm"</c> or <c>"gru"</c> (Keras class names are accepted too).</param>
        /// <param name="units">Units of the layer.</param>
        /// <param name="returnSequences">Whether it returns the whole sequence.</param>
        /// <returns>The layer.</returns>
        /// <exception cref="ArgumentException">Unknown <paramref name="cell"/>.</exception>
        public static RnnBase Cell(string cell, int units, bool returnSequences = false) => NormalizeCell(cell) switch
        {
            "simple_rnn" => new SimpleRNN(units, returnSequences: returnSequences),
            "gru" => new GRU(units, returnSequences: returnSequences),
            _ => new LSTM(units, returnSequences: returnSequences),
        };

        private static IReadOnlyList<int> CheckStack(IReadOnlyList<int> units, string cell, double dropout)
        {
            NormalizeCell(cell);
            if (units.Count == 0 || units.Any(u => u <= 0))
            {
                throw new ArgumentException(
                    $"Received an invalid value for `units`, expected one positive integer per recurrent layer. Received: units=[{string.Join(", ", units)}]",
                    nameof(units));
            }

            if (dropout is < 0 or >= 1 || double.IsNaN(dropout))
            {
                throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"Expected `dropout` in [0, 1). Received: dropout={dropout}");
            }

            return units;
        }

        private static string NormalizeCell(string cell) => cell?.ToLowerInvariant() switch
        {
            "simple_rnn" or "simplernn" or "rnn" => "simple_rnn",
            "lstm" => "lstm",
            "gru" => "gru",
            _ => throw new ArgumentException(
                $"Received an invalid value for `cell`, expected one of \"simple_rnn\", \"lstm\", \"gru\". Received: cell={cell}", nameof(cell)),
        };

        private static IEnumerable<Layer> RecurrentStack(IReadOnlyList<int> units, string cell, double dropout, Func<RnnBase, Layer> wrap)
        {
            for (var i = 0; i < units.Count; i++)
            {
                yield return wrap(Cell(cell, units[i], returnSequences: i < units.Count - 1));
                if (dropout > 0)
                {
                    yield return new Dropout(dropout);
                }
            }
        }

        private static Dense Classifier(int classes, string? activation)
        {
            if (classes < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(classes), classes,
                    $"Expected at least 2 `classes` (2 gives one sigmoid unit). Received: classes={classes}");
            }

            return classes == 2
                ? new Dense(1, activation: activation ?? "sigmoid")
                : new Dense(classes, activation: activation ?? "softmax");
        }
    }
}
