using DeepKeras.Activations;
using DeepKeras.Initializers;
using L = DeepKeras.Layers;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Layers
    {
        /// <summary>Creates a <see cref="L.SimpleRNN"/> layer.</summary>
        /// <param name="units">Dimensionality of the output and state.</param>
        /// <param name="activation">Activation (default <c>tanh</c>).</param>
        /// <param name="useBias">Whether to add a bias.</param>
        /// <param name="kernelInitializer">Initializer of <c>kernel</c> (default <c>glorot_uniform</c>).</param>
        /// <param name="recurrentInitializer">Initializer of <c>recurrent_kernel</c> (default <c>orthogonal</c>).</param>
        /// <param name="biasInitializer">Initializer of <c>bias</c> (default <c>zeros</c>).</param>
        /// <param name="dropout">Input dropout rate in training.</param>
        /// <param name="recurrentDropout">Recurrent dropout rate in training.</param>
        /// <param name="seed">Seed of the dropout masks.</param>
        /// <param name="returnSequences">Whether to return the whole sequence.</param>
        /// <param name="returnState">Whether to also return the final state.</param>
        /// <param name="goBackwards">Whether to process the sequence backwards.</param>
        /// <param name="stateful">Whether states carry over between batches.</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        public static L.SimpleRNN SimpleRNN(int units, ActivationFunction? activation = null, bool useBias = true,
            Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
            double dropout = 0.0, double recurrentDropout = 0.0, int? seed = null, bool returnSequences = false, bool returnState = false,
            bool goBackwards = false, bool stateful = false, Shape? inputShape = null, string? name = null) =>
            new(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, dropout, recurrentDropout, seed,
                returnSequences, returnState, goBackwards, stateful, inputShape, name);

        /// <summary>Creates an <see cref="L.LSTM"/> layer.</summary>
        /// <param name="units">Dimensionality of the output and states.</param>
        /// <param name="activation">Activation of the cell candidate and output (default <c>tanh</c>).</param>
        /// <param name="recurrentActivation">Activation of the gates (default <c>sigmoid</c>).</param>
        /// <param name="useBias">Whether to add a bias.</param>
        /// <param name="kernelInitializer">Initializer of <c>kernel</c> (default <c>glorot_uniform</c>).</param>
        /// <param name="recurrentInitializer">Initializer of <c>recurrent_kernel</c> (default <c>orthogonal</c>).</param>
        /// <param name="biasInitializer">Initializer of <c>bias</c> (default <c>zeros</c>).</param>
        /// <param name="unitForgetBias">Whether the forget-gate bias starts at 1.</param>
        /// <param name="dropout">Input dropout rate in training.</param>
        /// <param name="recurrentDropout">Recurrent dropout rate in training.</param>
        /// <param name="seed">Seed of the dropout masks.</param>
        /// <param name="returnSequences">Whether to return the whole sequence.</param>
        /// <param name="returnState">Whether to also return the final h and c.</param>
        /// <param name="goBackwards">Whether to process the sequence backwards.</param>
        /// <param name="stateful">Whether states carry over between batches.</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        public static L.LSTM LSTM(int units, ActivationFunction? activation = null, ActivationFunction? recurrentActivation = null,
            bool useBias = true, Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null,
            Initializer? biasInitializer = null, bool unitForgetBias = true, double dropout = 0.0, double recurrentDropout = 0.0,
            int? seed = null, bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false,
            Shape? inputShape = null, string? name = null) =>
            new(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
                unitForgetBias, dropout, recurrentDropout, seed, returnSequences, returnState, goBackwards, stateful, inputShape, name);

        /// <summary>Creates a <see cref="L.GRU"/> layer.</summary>
        /// <param name="units">Dimensionality of the output and state.</param>
        /// <param name="activation">Activation of the candidate state (default <c>tanh</c>).</param>
        /// <param name="recurrentActivation">Activation of the gates (default <c>sigmoid</c>).</param>
        /// <param name="useBias">Whether to add biases.</param>
        /// <param name="kernelInitializer">Initializer of <c>kernel</c> (default <c>glorot_uniform</c>).</param>
        /// <param name="recurrentInitializer">Initializer of <c>recurrent_kernel</c> (default <c>orthogonal</c>).</param>
        /// <param name="biasInitializer">Initializer of <c>bias</c> (default <c>zeros</c>).</param>
        /// <param name="dropout">Input dropout rate in training.</param>
        /// <param name="recurrentDropout">Recurrent dropout rate in training.</param>
        /// <param name="seed">Seed of the dropout masks.</param>
        /// <param name="returnSequences">Whether to return the whole sequence.</param>
        /// <param name="returnState">Whether to also return the final state.</param>
        /// <param name="goBackwards">Whether to process the sequence backwards.</param>
        /// <param name="stateful">Whether states carry over between batches.</param>
        /// <param name="resetAfter">Whether the reset gate applies after the recurrent product (default true).</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        public static L.GRU GRU(int units, ActivationFunction? activation = null, ActivationFunction? recurrentActivation = null,
            bool useBias = true, Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null,
            Initializer? biasInitializer = null, double dropout = 0.0, double recurrentDropout = 0.0, int? seed = null,
            bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false, bool resetAfter = true,
            Shape? inputShape = null, string? name = null) =>
            new(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer,
                dropout, recurrentDropout, seed, returnSequences, returnState, goBackwards, stateful, resetAfter, inputShape, name);

        /// <summary>Creates a <see cref="L.Bidirectional"/> wrapper.</summary>
        /// <param name="layer">The recurrent layer to run in both directions.</param>
        /// <param name="mergeMode"><c>"concat"</c>, <c>"sum"</c>, <c>"mul"</c>, <c>"ave"</c>, or null for both outputs.</param>
        /// <param name="backwardLayer">An explicit backward layer.</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        public static L.Bidirectional Bidirectional(L.RnnBase layer, string? mergeMode = "concat", L.RnnBase? backwardLayer = null,
            Shape? inputShape = null, string? name = null) => new(layer, mergeMode, backwardLayer, inputShape, name);

        /// <summary>Creates a <see cref="L.TimeDistributed"/> wrapper.</summary>
        /// <param name="layer">The layer applied to each time step.</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        public static L.TimeDistributed TimeDistributed(L.Layer layer, Shape? inputShape = null, string? name = null) =>
            new(layer, inputShape, name);

        /// <summary>Creates an <see cref="L.Embedding"/> layer.</summary>
        /// <param name="inputDim">Vocabulary size (largest index + 1).</param>
        /// <param name="outputDim">Vector size.</param>
        /// <param name="embeddingsInitializer">Initializer of the table (default <c>uniform</c>).</param>
        /// <param name="maskZero">Whether index 0 is masked padding.</param>
        /// <param name="inputLength">Keras 2's fixed sequence length (sets the input shape).</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        public static L.Embedding Embedding(int inputDim, int outputDim, Initializer? embeddingsInitializer = null,
            bool maskZero = false, int? inputLength = null, Shape? inputShape = null, string? name = null) =>
            new(inputDim, outputDim, embeddingsInitializer, maskZero, inputLength, inputShape, name);

        /// <summary>Creates a <see cref="L.Masking"/> layer.</summary>
        /// <param name="maskValue">The padding value (default 0).</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        public static L.Masking Masking(double maskValue = 0.0, Shape? inputShape = null, string? name = null) =>
            new(maskValue, inputShape, name);

        /// <summary>Creates a <see cref="L.RepeatVector"/> layer.</summary>
        /// <param name="n">The number of repetitions.</param>
        /// <param name="name">Layer name.</param>
        public static L.RepeatVector RepeatVector(int n, string? name = null) => new(n, name);
    }
}
