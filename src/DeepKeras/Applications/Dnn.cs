using DeepKeras.Layers;
using DeepKeras.Models;

namespace DeepKeras;

/// <summary>
/// Ready-made models for the course's topics (Keras <c>keras.applications</c>): each factory returns a new,
/// uncompiled model, so it can be inspected with <c>Summary()</c> and compiled with any optimizer and loss.
/// </summary>
public static partial class Applications
{
    /// <summary>Dense (fully connected) networks: the course's first DNN and an MLP classifier for flattened images.</summary>
    public static class Dnn
    {
        /// <summary>
        /// The course's first DNN: <c>Dense(32, input 784) → Dense(10) → Dense(20)</c>, no activations. It shows that
        /// later layers size themselves from the layer before: 784·32+32 + 32·10+10 + 10·20+20 = 25,670 parameters.
        /// </summary>
        /// <param name="name">The model name (default <c>sequential</c>, <c>sequential_1</c>, …).</param>
        /// <returns>The built (not compiled) model with output shape (None, 20).</returns>
        /// <example><code>
        /// var model = Applications.Dnn.CourseModel();
        /// model.Summary();   // Total params: 25,670 (100.27 KB)
        /// </code></example>
        public static Sequential CourseModel(string? name = null) => new(
            [
                new Dense(32, inputShape: 784),
                new Dense(10),
                new Dense(20),
            ],
            name);

        /// <summary>
        /// A multi-layer perceptron classifier: one <c>Dense(units, activation)</c> per entry of <paramref name="hidden"/>,
        /// each followed by <c>Dropout(dropout)</c> when <paramref name="dropout"/> &gt; 0, then
        /// <c>Dense(classes, "softmax")</c>. Compile it with <c>sparse_categorical_crossentropy</c> for integer labels.
        /// </summary>
        /// <param name="inputDim">Features per sample (default 784, a flattened 28×28 image).</param>
        /// <param name="hidden">Units of the hidden layers, in order (default [256, 128]); empty for a softmax regression.</param>
        /// <param name="classes">Number of classes (default 10).</param>
        /// <param name="dropout">Dropout rate after each hidden layer, in [0, 1) (default 0.2; 0 for none).</param>
        /// <param name="activation">Activation of the hidden layers (default <c>relu</c>).</param>
        /// <param name="name">The model name.</param>
        /// <returns>The built (not compiled) model with output shape (None, classes).</returns>
        /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or <paramref name="dropout"/> is outside [0, 1).</exception>
        /// <example><code>
        /// var model = Applications.Dnn.Classifier(hidden: [256, 128], dropout: 0.2);
        /// model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        /// model.Fit(xTrain, yTrain, batchSize: 128, epochs: 10, validationSplit: 0.1);
        /// </code></example>
        public static Sequential Classifier(int inputDim = 784, IReadOnlyList<int>? hidden = null, int classes = 10, double dropout = 0.2,
            string activation = "relu", string? name = null)
        {
            hidden ??= [256, 128];
            if (inputDim <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, $"Expected a positive `input_dim`. Received: input_dim={inputDim}");
            }

            if (classes <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(classes), classes, $"Expected a positive number of `classes`. Received: classes={classes}");
            }

            if (hidden.Any(u => u <= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(hidden), hidden.First(u => u <= 0),
                    $"Expected positive units for every hidden layer. Received: hidden=[{string.Join(", ", hidden)}]");
            }

            if (dropout is < 0 or >= 1 || double.IsNaN(dropout))
            {
                throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"Expected `dropout` in [0, 1). Received: dropout={dropout}");
            }

            var layers = new List<Layer> { new InputLayer(inputDim) };
            foreach (var units in hidden)
            {
                layers.Add(new Dense(units, activation: activation));
                if (dropout > 0)
                {
                    layers.Add(new Dropout(dropout));
                }
            }

            layers.Add(new Dense(classes, activation: "softmax"));
            return new Sequential(layers, name);
        }
    }
}
