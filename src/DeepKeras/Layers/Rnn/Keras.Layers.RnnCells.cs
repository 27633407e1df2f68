using DeepKeras.Activations;
using DeepKeras.Initializers;
using L = DeepKeras.Layers;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Layers
    {
        /// <summary>Creates an <see cref="L.RNN"/> layer that runs <paramref name="cell"/> over the time axis.</summary>
        /// <param name="cell">The cell computing one step.</param>
        /// <param name="returnSequences">Whether to return the whole sequence.</param>
        /// <param name="returnState">Whether to also return the final states.</param>
        /// <param name="goBackwards">Whether to process the sequence backwards.</param>
        /// <param name="stateful">Whether states carry over between batches.</param>
        /// <param name="unroll">Keras's unrolling switch (kept in the config; same results).</param>
        /// <param name="zeroOutputForMask">Whether masked steps output zeros.</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        public static L.RNN RNN(L.RNNCell cell, bool returnSequences = false, bool returnState = false, bool goBackwards = false,
            bool stateful = false, bool unroll = false, bool zeroOutputForMask = false, Shape? inputShape = null, string? name = null) =>
            new(cell, returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, inputShape, name);

        /// <summary>Creates an <see cref="L.RNN"/> layer over a stack of cells (a <see cref="L.StackedRNNCells"/>).</summary>
        /// <param name="cells">The cells, bottom first.</param>
        /// <param name="returnSequences">Whether to return the whole sequence.</param>
        /// <param name="returnState">Whether to also return the final states of every cell.</param>
        /// <param name="goBackwards">Whether to process the sequence backwards.</param>
        /// <param name="stateful">Whether states carry over between batches.</param>
        /// <param name="unroll">Keras's unrolling switch (kept in the config; same results).</param>
        /// <param name="zeroOutputForMask">Whether masked steps output zeros.</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        public static L.RNN RNN(IEnumerable<L.RNNCell> cells, bool returnSequences = false, bool returnState = false,
            bool goBackwards = false, bool stateful = false, bool unroll = false, bool zeroOutputForMask = false, Shape? inputShape = null,
            string? name = null) =>
            new(cells, returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, inputShape, name);

        /// <summary>Creates a <see cref="L.SimpleRNNCell"/>.</summary>
        /// <param name="units">Dimensionality of the output and state.</param>
        /// <param name="activation">Activation (default <c>tanh</c>).</param>
        /// <param name="useBias">Whether to add a bias.</param>
        /// <param name="kernelInitializer">Initializer of <c>kernel</c> (default <c>glorot_uniform</c>).</param>
        /// <param name="recurrentInitializer">Initializer of <c>recurrent_kernel</c> (default <c>orthogonal</c>).</param>
        /// <param name="biasInitializer">Initializer of <c>bias</c> (default <c>zeros</c>).</param>
        /// <param name="dropout">Input dropout rate in training.</param>
        /// <param name="recurrentDropout">Recurrent dropout rate in training.</param>
        /// <param name="seed">Seed of the dropout masks.</param>
        /// <param name="name">Cell name.</param>
        public static L.SimpleRNNCell SimpleRNNCell(int units, ActivationFunction? activation = null, bool useBias = true,
            Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
            double dropout = 0.0, double recurrentDropout = 0.0, int? seed = null, string? name = null) =>
            new(units, activation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, dropout, recurrentDropout, seed, name);

        /// <summary>Creates an <see cref="L.LSTMCell"/>.</summary>
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
        /// <param name="name">Cell name.</param>
        public static L.LSTMCell LSTMCell(int units, ActivationFunction? activation = null, ActivationFunction? recurrentActivation = null,
            bool useBias = true, Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null,
            Initializer? biasInitializer = null, bool unitForgetBias = true, double dropout = 0.0, double recurrentDropout = 0.0,
            int? seed = null, string? name = null) =>
            new(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, unitForgetBias,
                dropout, recurrentDropout, seed, name);

        /// <summary>Creates a <see cref="L.GRUCell"/>.</summary>
        /// <param name="units">Dimensionality of the output and state.</param>
        /// <param name="activation">Activation of the candidate state (default <c>tanh</c>).</param>
        /// <param name="recurrentActivation">Activation of the gates (default <c>sigmoid</c>).</param>
        /// <param name="useBias">Whether to add biases.</param>
        /// <param name="kernelInitializer">Initializer of <c>kernel</c> (default <c>glorot_uniform</c>).</param>
        /// <param name="recurrentInitializer">Initializer of <c>recurrent_kernel</c> (default <c>orthogonal</c>).</param>
        /// <param name="biasInitializer">Initializer of <c>bias</c> (default <c>zeros</c>).</param>
        /// <param name="dropout">Input dropout rate in training.</param>
        /// <param name="recurrentDropout">Recurrent dropout rate in training.</param>
        /// <param name="resetAfter">Whether the reset gate applies after the recurrent product (default true).</param>
        /// <param name="seed">Seed of the dropout masks.</param>
        /// <param name="name">Cell name.</param>
        public static L.GRUCell GRUCell(int units, ActivationFunction? activation = null, ActivationFunction? recurrentActivation = null,
            bool useBias = true, Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null,
            Initializer? biasInitializer = null, double dropout = 0.0, double recurrentDropout = 0.0, bool resetAfter = true,
            int? seed = null, string? name = null) =>
            new(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer, dropout,
                recurrentDropout, resetAfter, seed, name);

        /// <summary>Creates a <see cref="L.StackedRNNCells"/>: several cells that act as one.</summary>
        /// <param name="cells">The cells, bottom first.</param>
        /// <param name="name">Name.</param>
        public static L.StackedRNNCells StackedRNNCells(IEnumerable<L.RNNCell> cells, string? name = null) => new(cells, name);
    }
}
