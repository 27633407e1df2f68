using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Training;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras;

/// <summary>
/// Ready-made models for the course's topics (Keras <c>keras.applications</c> and the keras-io examples): each factory
/// returns a new, uncompiled model, so it can be inspected with <c>Summary()</c> and compiled with any optimizer and loss.
/// </summary>
public static partial class Applications
{
    /// <summary>
    /// An autoencoder: an encoder z = f(x) and a decoder x̂ = g(z) trained together to reconstruct the input, i.e. to
    /// minimize E‖x − g(f(x))‖ (the keras-io autoencoder examples). With a <see cref="Corruption"/> layer it is a
    /// denoising autoencoder: the input is corrupted in training only, and the target stays the clean input.
    /// </summary>
    /// <remarks>
    /// <c>Fit(x)</c> without targets trains on (x, x) — or (corrupted x, x) for a denoising autoencoder; <c>Fit(x, y)</c>
    /// uses the given targets (e.g. clean images for inputs you corrupted yourself). Compile with the loss of your data:
    /// <c>"binary_crossentropy"</c> for pixels in [0, 1] (as Keras's examples), or <c>"mse"</c>.
    /// The encoder and decoder are ordinary models: <see cref="Convolutional"/> builds them from convolutions (the
    /// keras-io denoising autoencoder), and any pair of models can be passed to the constructor.
    /// </remarks>
    /// <example><code>
    /// var ae = Applications.Autoencoder.Undercomplete(inputShape: 784, codeSize: 32);
    /// ae.Compile(optimizer: "adam", loss: "binary_crossentropy");
    /// ae.Fit(xTrain, epochs: 20, batchSize: 256, validationData: (xTest, xTest));
    /// var codes = ae.Encode(xTest);            // (n, 32)
    /// var restored = ae.Reconstruct(xTest);    // (n, 784)
    /// </code></example>
    public partial class Autoencoder : Model
    {
        private readonly Model _encoder;
        private readonly Model _decoder;
        private readonly Layer? _corruption;

        /// <summary>Creates an autoencoder from an encoder and a decoder model.</summary>
        /// <param name="encoder">Maps an input batch to codes.</param>
        /// <param name="decoder">Maps codes back to the input space.</param>
        /// <param name="corruption">
        /// Optional layer applied to the input before the encoder, active only in training (e.g. <see cref="GaussianNoise"/>
        /// or <see cref="Dropout"/>): this makes a denoising autoencoder.
        /// </param>
        /// <param name="name">The model name (default <c>autoencoder</c>).</param>
        public Autoencoder(Model encoder, Model decoder, Layer? corruption = null, string? name = null)
            : base(name)
        {
            _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
            _decoder = decoder ?? throw new ArgumentNullException(nameof(decoder));
            _corruption = corruption;
        }

        /// <summary>Gets the encoder f: input → code.</summary>
        public Model Encoder => _encoder;

        /// <summary>Gets the decoder g: code → reconstruction.</summary>
        public Model Decoder => _decoder;

        /// <summary>Gets the training-only corruption of a denoising autoencoder, or null.</summary>
        public Layer? Corruption => _corruption;

        /// <summary>
        /// The undercomplete autoencoder of the course and of "Building Autoencoders in Keras": input → Dense(codeSize,
        /// relu) → Dense(input size, sigmoid) (784 → 32 → 784 by default: 25,120 + 25,872 = 50,992 parameters).
        /// </summary>
        /// <param name="inputShape">Shape of one sample without the batch axis (default 784; e.g. (28, 28, 1) flattens first and reshapes back).</param>
        /// <param name="codeSize">Size of the code (default 32).</param>
        /// <param name="activation">Activation of the code layer (default <c>relu</c>).</param>
        /// <param name="outputActivation">Activation of the output (default <c>sigmoid</c>, for values in [0, 1]).</param>
        /// <param name="name">The model name.</param>
        /// <returns>The built, uncompiled autoencoder.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
        public static Autoencoder Undercomplete(Shape? inputShape = null, int codeSize = 32, string activation = "relu",
            string outputActivation = "sigmoid", string? name = null) =>
            Stacked(inputShape, [codeSize], activation, outputActivation, name);

        /// <summary>
        /// A stacked (deep) autoencoder: one Dense layer per entry of <paramref name="units"/> in the encoder, the mirror
        /// image in the decoder, then Dense(input size, sigmoid): 784-128-64-32-64-128-784 by default.
        /// </summary>
        /// <param name="inputShape">Shape of one sample without the batch axis (default 784).</param>
        /// <param name="units">Encoder layer sizes, the last being the code size (default [128, 64, 32]).</param>
        /// <param name="activation">Activation of the hidden and code layers (default <c>relu</c>).</param>
        /// <param name="outputActivation">Activation of the output (default <c>sigmoid</c>).</param>
        /// <param name="name">The model name.</param>
        /// <returns>The built, uncompiled autoencoder.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A size is not positive or <paramref name="units"/> is empty.</exception>
        public static Autoencoder Stacked(Shape? inputShape = null, IReadOnlyList<int>? units = null, string activation = "relu",
            string outputActivation = "sigmoid", string? name = null)
        {
            var (shape, encoder, decoder) = DenseNetworks(inputShape, units ?? [128, 64, 32], activation, outputActivation);
            var model = new Autoencoder(encoder, decoder, name: name);
            model.Build(shape.WithBatch());
            return model;
        }

        /// <summary>
        /// A denoising autoencoder: the <see cref="Stacked"/> networks with a corruption layer in front that is active only
        /// in training, so it learns to map corrupted inputs to the clean ones.
        /// </summary>
        /// <param name="inputShape">Shape of one sample without the batch axis (default 784).</param>
        /// <param name="units">Encoder layer sizes (default [128, 64, 32]).</param>
        /// <param name="noise">
        /// <c>"gaussian"</c> (default): additive N(0, noiseLevel²) noise (<see cref="GaussianNoise"/>); <c>"dropout"</c>: a
        /// fraction noiseLevel of the inputs set to 0 and the rest scaled by 1/(1 − noiseLevel) (<see cref="Dropout"/>);
        /// <c>"gaussian_dropout"</c>: multiplicative N(1, noiseLevel/(1 − noiseLevel)) noise (<see cref="GaussianDropout"/>).
        /// </param>
        /// <param name="noiseLevel">
        /// The standard deviation (gaussian) or the rate (dropout kinds); default 0.4, the noise factor of Keras's example
        /// (which also clips the noisy pixels to [0, 1]; the corruption layers here do not clip).
        /// </param>
        /// <param name="seed">Seed of the corruption's own generator, or null for the global one.</param>
        /// <param name="activation">Activation of the hidden and code layers (default <c>relu</c>).</param>
        /// <param name="outputActivation">Activation of the output (default <c>sigmoid</c>).</param>
        /// <param name="name">The model name.</param>
        /// <returns>The built, uncompiled autoencoder.</returns>
        /// <exception cref="ArgumentException"><paramref name="noise"/> is not a known kind.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A size or the noise level is out of range.</exception>
        public static Autoencoder Denoising(Shape? inputShape = null, IReadOnlyList<int>? units = null, string noise = "gaussian",
            double noiseLevel = 0.4, int? seed = null, string activation = "relu", string outputActivation = "sigmoid", string? name = null)
        {
            var corruption = CorruptionLayer(noise, noiseLevel, seed);
            var (shape, encoder, decoder) = DenseNetworks(inputShape, units ?? [128, 64, 32], activation, outputActivation);
            var model = new Autoencoder(encoder, decoder, corruption, name);
            model.Build(shape.WithBatch());
            return model;
        }

        /// <summary>Encodes inputs (inference mode, no corruption).</summary>
        /// <param name="x">Inputs.</param>
        /// <param name="batchSize">Samples per step (default 32).</param>
        /// <returns>The codes, one row per sample.</returns>
        public NDArray Encode(ArrayLike x, int? batchSize = null) => _encoder.Predict(x, batchSize);

        /// <summary>Decodes codes into reconstructions (inference mode).</summary>
        /// <param name="z">Codes, one row per sample.</param>
        /// <param name="batchSize">Samples per step (default 32).</param>
        /// <returns>The decoded samples.</returns>
        public NDArray Decode(ArrayLike z, int? batchSize = null) => _decoder.Predict(z, batchSize);

        /// <summary>Reconstructs inputs: g(f(x)) in inference mode (no corruption).</summary>
        /// <param name="x">Inputs.</param>
        /// <param name="batchSize">Samples per step (default 32).</param>
        /// <returns>The reconstructions, shaped like <paramref name="x"/>.</returns>
        public NDArray Reconstruct(ArrayLike x, int? batchSize = null) => Predict(x, batchSize);

        /// <summary>
        /// Applies the training corruption to inputs (to build the noisy test set a denoising autoencoder is evaluated on).
        /// Without a <see cref="Corruption"/> layer the inputs are returned unchanged.
        /// </summary>
        /// <param name="x">Clean inputs.</param>
        /// <returns>The corrupted inputs.</returns>
        public NDArray Corrupt(ArrayLike x)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var t = DataPrep.PrepareX(x.ToTensors("x"), "x")[0].to(Keras.Backend.TorchDevice);
            return TensorConvert.ToNDArray(_corruption is null ? t : _corruption.Apply(t, training: true));
        }

        /// <summary>The mean squared reconstruction error over all samples and values (inference mode).</summary>
        /// <param name="x">Inputs.</param>
        /// <param name="target">What the reconstruction is compared with (default <paramref name="x"/>; the clean data for noisy inputs).</param>
        /// <param name="batchSize">Samples per step (default 32).</param>
        /// <returns>mean((target − g(f(x)))²).</returns>
        public double ReconstructionMse(ArrayLike x, ArrayLike? target = null, int? batchSize = null)
        {
            using var scope = NewDisposeScope();
            var reconstruction = PredictTensors(x, batchSize, verbose: 0)[0];
            var reference = DataPrep.PrepareX((target ?? x).ToTensors("target"), "target")[0].cpu();
            return (reference.reshape(reconstruction.shape) - reconstruction).square().mean().item<float>();
        }

        /// <summary>Reconstructs a tensor batch by batch (inference mode); used by anomaly detection.</summary>
        internal Tensor ReconstructTensor(Tensor x) => PredictTensors(x, verbose: 0)[0];

        /// <inheritdoc/>
        protected override Tensor Call(Tensor inputs, bool training)
        {
            var x = _corruption is null ? inputs : _corruption.Apply(inputs, training);
            return _decoder.Apply(_encoder.Apply(x, training), training);
        }

        /// <inheritdoc/>
        protected override Logs TrainStep(Batch data) => base.TrainStep(WithTargets(data));

        /// <inheritdoc/>
        protected override Logs TestStep(Batch data) => base.TestStep(WithTargets(data));

        /// <summary>
        /// The corruption layer of a denoising autoencoder: <c>"gaussian"</c> → <see cref="GaussianNoise"/>(level),
        /// <c>"dropout"</c> → <see cref="Dropout"/>(level), <c>"gaussian_dropout"</c> → <see cref="GaussianDropout"/>(level).
        /// </summary>
        /// <param name="noise">The kind of noise.</param>
        /// <param name="noiseLevel">Standard deviation (gaussian) or rate (dropout kinds).</param>
        /// <param name="seed">Seed of the layer's own generator, or null.</param>
        /// <returns>A new layer, active only in training.</returns>
        /// <exception cref="ArgumentException"><paramref name="noise"/> is not a known kind.</exception>
        public static Layer CorruptionLayer(string noise, double noiseLevel, int? seed = null) => noise switch
        {
            "gaussian" => new GaussianNoise(noiseLevel, seed),
            "dropout" => new Dropout(noiseLevel, seed),
            "gaussian_dropout" => new GaussianDropout(noiseLevel, seed),
            _ => throw new ArgumentException(
                $"Unknown `noise`: '{noise}'. Expected one of: gaussian, dropout, gaussian_dropout.", nameof(noise)),
        };

        // An autoencoder's target is its (clean) input when Fit/Evaluate got no y.
        private static Batch WithTargets(Batch data) => data.Y is null ? data with { Y = data.X } : data;

        private static (Shape Shape, Sequential Encoder, Sequential Decoder) DenseNetworks(Shape? inputShape, IReadOnlyList<int> units,
            string activation, string outputActivation)
        {
            var shape = inputShape ?? 784;
            if (!shape.IsFullyDefined || shape.Rank == 0 || shape.ToArray().Any(d => d <= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(inputShape), shape,
                    $"Expected `input_shape` with positive sizes (the sample shape without the batch axis). Received: input_shape={shape}");
            }

            if (units.Count == 0 || units.Any(u => u <= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(units), units.Count == 0 ? 0 : units.First(u => u <= 0),
                    $"Expected one or more positive layer sizes. Received: units=[{string.Join(", ", units)}]");
            }

            var size = checked((int)shape.NumElements);
            var encoderLayers = new List<Layer> { new InputLayer(shape) };
            if (shape.Rank > 1)
            {
                encoderLayers.Add(new Flatten());
            }

            encoderLayers.AddRange(units.Select(u => new Dense(u, activation: activation)));
            var decoderLayers = new List<Layer> { new InputLayer(units[^1]) };
            decoderLayers.AddRange(units.Reverse().Skip(1).Select(u => new Dense(u, activation: activation)));
            decoderLayers.Add(new Dense(size, activation: outputActivation));
            if (shape.Rank > 1)
            {
                decoderLayers.Add(new Reshape(shape));
            }

            return (shape, new Sequential(encoderLayers, "encoder"), new Sequential(decoderLayers, "decoder"));
        }
    }
}
