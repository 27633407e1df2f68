using DeepKeras.Activations;
using DeepKeras.Engine;
using DeepKeras.Initializers;
using DeepKeras.Models;
using L = DeepKeras.Layers;

namespace DeepKeras;

/// <summary>
/// The Keras-style entry point: <c>using static DeepKeras.Keras;</c> gives <c>Sequential(...)</c>, <c>Input(...)</c>,
/// <c>Model(...)</c>, <c>Layers.Dense(...)</c>, <c>Datasets.FashionMnist.LoadData()</c>, <c>Utils.SetRandomSeed(...)</c>.
/// Every factory is a thin call to the public constructor of the same name.
/// </summary>
public static partial class Keras
{
    /// <summary>Creates a symbolic input (Keras <c>keras.Input</c>).</summary>
    /// <param name="shape">Shape without the batch axis: <c>784</c> or <c>(28, 28, 1)</c>.</param>
    /// <param name="batchSize">Optional fixed batch size.</param>
    /// <param name="dtype"><c>float32</c> (default) or <c>int32</c>/<c>int64</c> for token ids.</param>
    /// <param name="name">Name of the input layer (default <c>input_layer</c>, <c>input_layer_1</c>, …).</param>
    public static KerasTensor Input(Shape shape, int? batchSize = null, string dtype = "float32", string? name = null) =>
        new L.InputLayer(shape, batchSize, dtype, name).Output;

    /// <summary>Creates a <see cref="DeepKeras.Models.Sequential"/> model (Keras <c>keras.Sequential</c>).</summary>
    /// <param name="layers">The layers; a leading <c>Input(...)</c> is allowed.</param>
    public static Sequential Sequential(params L.Layer[] layers) => new(layers);

    /// <summary>Creates a named <see cref="DeepKeras.Models.Sequential"/> model.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="layers">The layers.</param>
    public static Sequential Sequential(string name, params L.Layer[] layers) => new(layers, name);

    /// <summary>Creates a functional model (Keras <c>keras.Model(inputs, outputs)</c>).</summary>
    /// <param name="inputs">The symbolic input.</param>
    /// <param name="outputs">The symbolic output.</param>
    /// <param name="name">The model name.</param>
    public static Functional Model(KerasTensor inputs, KerasTensor outputs, string? name = null) => new(inputs, outputs, name);

    /// <summary>Creates a functional model with several inputs/outputs.</summary>
    /// <param name="inputs">The symbolic inputs.</param>
    /// <param name="outputs">The symbolic outputs.</param>
    /// <param name="name">The model name.</param>
    public static Functional Model(KerasTensor[] inputs, KerasTensor[] outputs, string? name = null) => new(inputs, outputs, name);

    /// <summary>Layer factories (Keras <c>keras.layers</c>); each calls the constructor of the same name.</summary>
    public static partial class Layers
    {
        /// <summary>Creates a <see cref="L.Dense"/> layer.</summary>
        /// <param name="units">Number of output units.</param>
        /// <param name="activation">Activation name or delegate.</param>
        /// <param name="useBias">Whether to add a bias.</param>
        /// <param name="kernelInitializer">Kernel initializer (default glorot_uniform).</param>
        /// <param name="biasInitializer">Bias initializer (default zeros).</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        /// <param name="kernelRegularizer">Penalty on the kernel (e.g. <c>"l2"</c>).</param>
        /// <param name="biasRegularizer">Penalty on the bias.</param>
        /// <param name="activityRegularizer">Penalty on the output.</param>
        public static L.Dense Dense(int units, ActivationFunction? activation = null, bool useBias = true,
            Initializer? kernelInitializer = null, Initializer? biasInitializer = null, Shape? inputShape = null, string? name = null,
            Regularizers.Regularizer? kernelRegularizer = null, Regularizers.Regularizer? biasRegularizer = null,
            Regularizers.Regularizer? activityRegularizer = null) =>
            new(units, activation, useBias, kernelInitializer, biasInitializer, inputShape, name,
                kernelRegularizer: kernelRegularizer, biasRegularizer: biasRegularizer, activityRegularizer: activityRegularizer);

        /// <summary>Creates an <see cref="L.Activation"/> layer.</summary>
        /// <param name="activation">Activation name or delegate.</param>
        /// <param name="name">Layer name.</param>
        public static L.Activation Activation(ActivationFunction activation, string? name = null) => new(activation, name);

        /// <summary>Creates a <see cref="L.Dropout"/> layer.</summary>
        /// <param name="rate">Fraction to drop in [0, 1).</param>
        /// <param name="seed">Seed (kept for signature compatibility).</param>
        /// <param name="name">Layer name.</param>
        public static L.Dropout Dropout(double rate, int? seed = null, string? name = null) => new(rate, seed, name);

        /// <summary>Creates a <see cref="L.Flatten"/> layer.</summary>
        /// <param name="name">Layer name.</param>
        public static L.Flatten Flatten(string? name = null) => new(name);

        /// <summary>Creates a <see cref="L.Reshape"/> layer.</summary>
        /// <param name="targetShape">The new sample shape.</param>
        /// <param name="name">Layer name.</param>
        public static L.Reshape Reshape(Shape targetShape, string? name = null) => new(targetShape, name);

        /// <summary>Creates a <see cref="L.Lambda"/> layer.</summary>
        /// <param name="function">The function.</param>
        /// <param name="outputShape">Optional output shape without the batch axis.</param>
        /// <param name="name">Layer name.</param>
        public static L.Lambda Lambda(Func<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> function, Shape? outputShape = null, string? name = null) =>
            new(function, outputShape, name);

        /// <summary>Creates a <see cref="L.Concatenate"/> layer.</summary>
        /// <param name="axis">Concatenation axis (default −1).</param>
        /// <param name="name">Layer name.</param>
        public static L.Concatenate Concatenate(int axis = -1, string? name = null) => new(axis, name);

        /// <summary>Creates an <see cref="L.Add"/> layer.</summary>
        /// <param name="name">Layer name.</param>
        public static L.Add Add(string? name = null) => new(name);

        /// <summary>Creates an <see cref="L.InputLayer"/>.</summary>
        /// <param name="shape">Shape without the batch axis.</param>
        /// <param name="name">Layer name.</param>
        public static L.InputLayer InputLayer(Shape shape, string? name = null) => new(shape, name: name);
    }

    /// <summary>Utilities (Keras <c>keras.utils</c>).</summary>
    public static partial class Utils
    {
        /// <summary>
        /// Seeds every random source DeepKeras uses — torch (initializers, dropout, noise, unseeded <c>Keras.Random</c>
        /// draws), CUDA and the shuffling of <c>Fit</c> — so CPU runs are bit-identical (Keras <c>keras.utils.set_random_seed</c>).
        /// </summary>
        /// <param name="seed">The seed.</param>
        public static void SetRandomSeed(int seed) => DeepKeras.Backend.RandomState.Seed(seed);
    }
}
