using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Losses;
using DeepKeras.Metrics;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Training;
using NumSharp;
using static TorchSharp.torch;
using DenseLayer = DeepKeras.Layers.Dense;

namespace DeepKeras;

public static partial class Applications
{
    /// <summary>
    /// A generative adversarial network (keras-io <c>examples/generative/dcgan_overriding_train_step.py</c>): a generator
    /// G maps noise z ~ N(0, I) to samples and a discriminator D scores samples as real (1) or fake (0). Each training
    /// step first trains D on generated and real samples (D(x) → 1, D(G(z)) → 0), then trains G through D toward
    /// D(G(z)) → 1 while leaving D's weights alone — the minimax game min_G max_D E[log D(x)] + E[log(1 − D(G(z)))].
    /// </summary>
    /// <remarks>
    /// Compile with <see cref="Compile(Optimizer, Optimizer, Loss)"/> (one optimizer per network and the loss, usually
    /// <c>BinaryCrossentropy()</c> for a sigmoid discriminator) and train with <c>Fit(realSamples)</c> without targets.
    /// As in Keras's example the discriminator's labels get 0.05·U(0, 1) noise; here real samples are labelled 1 and
    /// fake ones 0 (the course's convention; Keras's example uses the opposite labels, which is the same game), and the
    /// noise moves each label toward the other class (real 1 − 0.05·U, fake 0.05·U) so that labels stay in [0, 1].
    /// The progress bar and History show <c>d_loss</c> and <c>g_loss</c>. Calling the model on noise runs the generator.
    /// </remarks>
    /// <example><code>
    /// var gan = Applications.Gan.Dense(latentDim: 64, outputShape: (28, 28, 1));
    /// gan.Compile(dOptimizer: new Adam(3e-4), gOptimizer: new Adam(3e-4), lossFn: new BinaryCrossentropy());
    /// gan.Fit(xTrain, epochs: 20, batchSize: 64, callbacks: [new Applications.GanMonitor((epoch, images) => Save(epoch, images))]);
    /// var samples = gan.Generate(16);
    /// </code></example>
    public partial class Gan : Model, ILatentGenerator
    {
        private readonly Model _discriminator;
        private readonly Model _generator;
        private readonly Keras.Random.SeedGenerator _random;
        private readonly Mean _dLossTracker = new("d_loss");
        private readonly Mean _gLossTracker = new("g_loss");

        /// <summary>Creates a GAN (Keras <c>GAN(discriminator, generator, latent_dim)</c>).</summary>
        /// <param name="discriminator">Maps a batch of samples to (batch, 1) scores.</param>
        /// <param name="generator">Maps (batch, latentDim) noise to samples shaped like the real ones.</param>
        /// <param name="latentDim">Size of the noise vector z; default read from the generator's input shape.</param>
        /// <param name="seed">Seed of the GAN's own generator for z and the label noise, or null for the global one.</param>
        /// <param name="name">The model name (default <c>gan</c>).</param>
        /// <exception cref="ArgumentException">The latent size cannot be read from the generator.</exception>
        public Gan(Model discriminator, Model generator, int? latentDim = null, int? seed = null, string? name = null)
            : base(name)
        {
            _discriminator = discriminator ?? throw new ArgumentNullException(nameof(discriminator));
            _generator = generator ?? throw new ArgumentNullException(nameof(generator));
            LatentDim = latentDim ?? generator.BatchInputShape?[-1] ?? throw new ArgumentException(
                $"Cannot read the latent size from generator \"{generator.Name}\": give it an input shape or pass `latentDim`.", nameof(generator));
            if (LatentDim <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(latentDim), LatentDim, $"Expected a positive `latent_dim`. Received: latent_dim={LatentDim}");
            }

            _random = new Keras.Random.SeedGenerator(seed);
        }

        /// <summary>Gets the discriminator D: sample → score.</summary>
        public Model Discriminator => _discriminator;

        /// <summary>Gets the generator G: noise → sample.</summary>
        public Model Generator => _generator;

        /// <summary>Gets the size of the noise vector z.</summary>
        public int LatentDim { get; }

        /// <summary>Gets the discriminator's optimizer (set by <see cref="Compile(Optimizer, Optimizer, Loss)"/>).</summary>
        public Optimizer? DOptimizer { get; private set; }

        /// <summary>Gets the generator's optimizer (set by <see cref="Compile(Optimizer, Optimizer, Loss)"/>).</summary>
        public Optimizer? GOptimizer { get; private set; }

        /// <summary>Gets the adversarial loss (set by <see cref="Compile(Optimizer, Optimizer, Loss)"/>).</summary>
        public Loss? LossFn { get; private set; }

        /// <summary>Gets the trackers <c>d_loss</c> and <c>g_loss</c> shown in the progress bar and History.</summary>
        public override IReadOnlyList<Metric> Metrics => [_dLossTracker, _gLossTracker];

        /// <summary>
        /// Configures adversarial training (Keras's <c>GAN.compile(d_optimizer, g_optimizer, loss_fn)</c>): one optimizer
        /// per network and the loss both are trained with.
        /// </summary>
        /// <param name="dOptimizer">Updates the discriminator (instance or name, e.g. <c>new Adam(3e-4)</c>).</param>
        /// <param name="gOptimizer">Updates the generator; must be a different instance from <paramref name="dOptimizer"/>.</param>
        /// <param name="lossFn">The loss on D's scores, e.g. <c>new BinaryCrossentropy()</c> (or <c>fromLogits: true</c> for a linear D output).</param>
        /// <exception cref="ArgumentException">The same optimizer instance is given twice.</exception>
        public virtual void Compile(Optimizer dOptimizer, Optimizer gOptimizer, Loss lossFn)
        {
            ArgumentNullException.ThrowIfNull(dOptimizer);
            ArgumentNullException.ThrowIfNull(gOptimizer);
            ArgumentNullException.ThrowIfNull(lossFn);
            if (ReferenceEquals(dOptimizer, gOptimizer))
            {
                throw new ArgumentException(
                    "`d_optimizer` and `g_optimizer` must be two optimizer instances: each keeps state (moments, step count) for its own network.",
                    nameof(gOptimizer));
            }

            base.Compile();
            DOptimizer = dOptimizer;
            GOptimizer = gOptimizer;
            LossFn = lossFn;
        }

        /// <summary>Frees the state of both optimizers, then what <see cref="Model"/> frees.</summary>
        /// <param name="disposing">True from <c>Dispose()</c>.</param>
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                DOptimizer?.Dispose();
                GOptimizer?.Dispose();
            }

            base.Dispose(disposing);
        }

        /// <summary>
        /// A dense GAN for flat or image samples: <see cref="DenseGenerator"/> and <see cref="DenseDiscriminator"/> with
        /// LeakyReLU(0.2) hidden activations.
        /// </summary>
        /// <param name="latentDim">Size of z (default 128, as Keras's example).</param>
        /// <param name="outputShape">Shape of one sample without the batch axis (default 784; e.g. (28, 28, 1)).</param>
        /// <param name="hidden">Hidden sizes of the generator (default [256, 512]).</param>
        /// <param name="discriminatorHidden">Hidden sizes of the discriminator (default: <paramref name="hidden"/> in reverse).</param>
        /// <param name="dropout">Dropout rate in the discriminator after each hidden layer (default 0.2, as Keras's example; 0 for none).</param>
        /// <param name="batchNormMomentum">
        /// When set, a BatchNormalization with this momentum follows each hidden Dense of the generator (0.8 in the classic
        /// Keras dense GAN); null (default) for none.
        /// </param>
        /// <param name="seed">Seed of the GAN's own generator, or null for the global one.</param>
        /// <param name="name">The model name.</param>
        /// <returns>The uncompiled GAN.</returns>
        public static Gan Dense(int latentDim = 128, Shape? outputShape = null, IReadOnlyList<int>? hidden = null,
            IReadOnlyList<int>? discriminatorHidden = null, double dropout = 0.2, double? batchNormMomentum = null, int? seed = null, string? name = null)
        {
            var shape = outputShape ?? 784;
            hidden ??= [256, 512];
            discriminatorHidden ??= hidden.Reverse().ToArray();
            return new Gan(DenseDiscriminator(shape, discriminatorHidden, dropout), DenseGenerator(latentDim, shape, hidden, batchNormMomentum),
                latentDim, seed, name);
        }

        /// <summary>
        /// The dense generator: z → Dense(h) → [BatchNormalization] → LeakyReLU(0.2) per hidden size → Dense(sample size,
        /// sigmoid) → [Reshape].
        /// </summary>
        /// <param name="latentDim">Size of z.</param>
        /// <param name="outputShape">Shape of one sample without the batch axis.</param>
        /// <param name="hidden">Hidden layer sizes, in order.</param>
        /// <param name="batchNormMomentum">Momentum of a BatchNormalization after each hidden Dense, or null (default) for none.</param>
        /// <returns>The generator, named <c>generator</c>.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A size is not positive or <paramref name="batchNormMomentum"/> is outside [0, 1].</exception>
        public static Sequential DenseGenerator(int latentDim, Shape outputShape, IReadOnlyList<int> hidden, double? batchNormMomentum = null)
        {
            Check(outputShape, hidden, 0);
            if (latentDim <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(latentDim), latentDim, $"Expected a positive `latent_dim`. Received: latent_dim={latentDim}");
            }

            if (batchNormMomentum is { } m && (m is < 0 or > 1 || double.IsNaN(m)))
            {
                throw new ArgumentOutOfRangeException(nameof(batchNormMomentum), m,
                    $"Expected `batch_norm_momentum` in [0, 1]. Received: batch_norm_momentum={m}");
            }

            var layers = new List<Layer> { new InputLayer(latentDim) };
            foreach (var units in hidden)
            {
                layers.Add(new DenseLayer(units));
                if (batchNormMomentum is { } momentum)
                {
                    layers.Add(new BatchNormalization(momentum: momentum));
                }

                layers.Add(new LeakyReLU(0.2));
            }

            layers.Add(new DenseLayer(checked((int)outputShape.NumElements), activation: "sigmoid"));
            if (outputShape.Rank > 1)
            {
                layers.Add(new Reshape(outputShape));
            }

            return new Sequential(layers, "generator");
        }

        /// <summary>The dense discriminator: [Flatten] → Dense(h) → LeakyReLU(0.2) → [Dropout] per hidden size → Dense(1, sigmoid).</summary>
        /// <param name="inputShape">Shape of one sample without the batch axis.</param>
        /// <param name="hidden">Hidden layer sizes, in order.</param>
        /// <param name="dropout">Dropout rate after each hidden layer (0 for none).</param>
        /// <returns>The discriminator, named <c>discriminator</c>.</returns>
        /// <exception cref="ArgumentOutOfRangeException">A size is not positive or <paramref name="dropout"/> is outside [0, 1).</exception>
        public static Sequential DenseDiscriminator(Shape inputShape, IReadOnlyList<int> hidden, double dropout = 0.2)
        {
            Check(inputShape, hidden, dropout);
            var layers = new List<Layer> { new InputLayer(inputShape) };
            if (inputShape.Rank > 1)
            {
                layers.Add(new Flatten());
            }

            foreach (var units in hidden)
            {
                layers.Add(new DenseLayer(units));
                layers.Add(new LeakyReLU(0.2));
                if (dropout > 0)
                {
                    layers.Add(new Dropout(dropout));
                }
            }

            layers.Add(new DenseLayer(1, activation: "sigmoid"));
            return new Sequential(layers, "discriminator");
        }

        /// <summary>Generates samples from fresh noise z ~ N(0, I) (inference mode).</summary>
        /// <param name="n">Number of samples.</param>
        /// <returns>The samples, (n, sample shape…).</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is not positive.</exception>
        public NDArray Generate(int n)
        {
            if (n <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(n), n, $"Expected a positive number of samples. Received: n={n}");
            }

            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            return TensorConvert.ToNDArray(_generator.Apply(Noise(n, Keras.Backend.TorchDevice), training: false));
        }

        /// <inheritdoc/>
        Tensor ILatentGenerator.GenerateFrom(Tensor z) => _generator.Apply(z, training: false);

        /// <summary>Runs the generator on noise vectors.</summary>
        /// <param name="inputs">Noise, (batch, latentDim).</param>
        /// <param name="training">Training mode.</param>
        protected override Tensor Call(Tensor inputs, bool training) => _generator.Apply(inputs, training);

        /// <summary>One adversarial step on a batch of real samples: a discriminator update, then a generator update.</summary>
        /// <param name="data">The batch; only its inputs (the real samples) are used.</param>
        /// <returns><c>d_loss</c> and <c>g_loss</c>.</returns>
        protected override Logs TrainStep(Batch data)
        {
            var (dOptimizer, gOptimizer, lossFn) = RequireCompiled();
            var real = data.Input;
            var n = real.shape[0];

            // (a) The discriminator on fake (label 0) and real (label 1) samples, each label moved 0.05·U(0, 1) toward the
            //     other class so that it stays in [0, 1] (beyond 1 the cross-entropy has no minimum and rewards saturating D).
            Tensor fake;
            using (no_grad())
            {
                fake = _generator.Apply(Noise(n, real.device), training: true);
            }

            var combined = cat([fake, real.to(fake.dtype)], 0);
            var labels = cat([zeros(n, 1, device: real.device), ones(n, 1, device: real.device)], 0);
            using (var s = new ScalarScope())
            {
                // labels + (1 − 2·labels)·(0.05·U), as TorchSharp computes it (1 − t is −t + 1).
                var towardOther = labels.mul(s.Of(2L)).negative().add(ScalarScope.One, ScalarScope.One);
                labels = labels.add(towardOther * _random.Uniform(labels.shape, labels.dtype, labels.device).mul(s.Of(0.05)), ScalarScope.One);
            }

            var dLoss = WithLayerLosses(lossFn.Call(labels, _discriminator.Apply(combined, training: true)), _discriminator);
            ApplyGradients(dLoss, _discriminator.TrainableWeights, dOptimizer);

            // (b) The generator through the discriminator, with "real" labels, updating only the generator's weights.
            var misleadingLabels = ones(n, 1, device: real.device);
            var predictions = _discriminator.Apply(_generator.Apply(Noise(n, real.device), training: true), training: true);
            var gLoss = WithLayerLosses(lossFn.Call(misleadingLabels, predictions), _generator);
            ApplyGradients(gLoss, _generator.TrainableWeights, gOptimizer);

            _dLossTracker.UpdateState(dLoss);
            _gLossTracker.UpdateState(gLoss);
            return GetMetricsResult();
        }

        /// <summary>Scores a batch without updating: the discriminator's loss on fake and real samples (no label noise) and the generator's loss.</summary>
        /// <param name="data">The batch of real samples.</param>
        /// <returns><c>d_loss</c> and <c>g_loss</c>.</returns>
        protected override Logs TestStep(Batch data)
        {
            var (_, _, lossFn) = RequireCompiled();
            var real = data.Input;
            var n = real.shape[0];
            var fake = _generator.Apply(Noise(n, real.device), training: false);
            var fakeScores = _discriminator.Apply(fake, training: false);
            var realScores = _discriminator.Apply(real.to(fake.dtype), training: false);
            var labels = cat([zeros(n, 1, device: real.device), ones(n, 1, device: real.device)], 0);
            _dLossTracker.UpdateState(lossFn.Call(labels, cat([fakeScores, realScores], 0)));
            _gLossTracker.UpdateState(lossFn.Call(ones(n, 1, device: real.device), fakeScores));
            return GetMetricsResult();
        }

        private Tensor Noise(long n, TorchSharp.torch.Device device) => _random.Normal([n, LatentDim], 0, 1, ScalarType.Float32, device);

        private (Optimizer D, Optimizer G, Loss Loss) RequireCompiled() =>
            DOptimizer is { } d && GOptimizer is { } g && LossFn is { } l
                ? (d, g, l)
                : throw new InvalidOperationException(
                    $"GAN \"{Name}\" needs `Compile(dOptimizer, gOptimizer, lossFn)` before training: one optimizer per network and the adversarial loss.");

        private static Tensor WithLayerLosses(Tensor loss, Layer network)
        {
            foreach (var extra in network.Losses)
            {
                loss = loss.add(extra.dim() == 0 ? extra : extra.sum(), ScalarScope.One);
            }

            return loss;
        }

        private static void Check(Shape shape, IReadOnlyList<int> hidden, double dropout)
        {
            if (!shape.IsFullyDefined || shape.Rank == 0 || shape.ToArray().Any(d => d <= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(shape), shape,
                    $"Expected a sample shape with positive sizes (without the batch axis). Received: shape={shape}");
            }

            if (hidden.Any(u => u <= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(hidden), hidden.First(u => u <= 0),
                    $"Expected positive hidden layer sizes. Received: hidden=[{string.Join(", ", hidden)}]");
            }

            if (dropout is < 0 or >= 1 || double.IsNaN(dropout))
            {
                throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"Expected `dropout` in [0, 1). Received: dropout={dropout}");
            }
        }
    }
}
