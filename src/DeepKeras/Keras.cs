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

    /// <summary>
    /// Creates a functional model whose inputs and/or outputs are one tensor, a list or a dictionary keyed by name:
    /// <c>Model(x, [a, b, c])</c>, <c>Model(inputs, new Dictionary&lt;string, KerasTensor&gt; { ["priority"] = p })</c>.
    /// </summary>
    /// <param name="inputs">The symbolic inputs.</param>
    /// <param name="outputs">The symbolic outputs.</param>
    /// <param name="name">The model name.</param>
    public static Functional Model(ModelTensors inputs, ModelTensors outputs, string? name = null) => new(inputs, outputs, name);

    /// <summary>
    /// Layer factories (Keras <c>keras.layers</c>): <c>Layers.Dense(64, activation: "relu")</c>. One per public
    /// constructor of each layer class, with the constructor's parameters and defaults; written at build time by
    /// DeepKeras.Generators from the constructors, so each layer's arguments are declared once.
    /// </summary>
    public static partial class Layers
    {
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
