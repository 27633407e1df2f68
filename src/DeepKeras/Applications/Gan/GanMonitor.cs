using DeepKeras.Callbacks;
using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Applications
{
    /// <summary>
    /// A callback that, at the end of every epoch, decodes the same fixed noise vectors with the model's generator and
    /// hands the images to a sink (the <c>GANMonitor</c> of Keras's GAN example, with fixed noise so the epochs can be
    /// compared). Works with a <see cref="Gan"/> or a <see cref="Vae"/> (its decoder).
    /// </summary>
    /// <remarks>
    /// The sink receives the 0-based epoch and a CPU tensor (numImages, sample shape…) with values as the generator
    /// outputs them (in (0, 1) for a sigmoid output). The tensor is disposed when the sink returns: clone it to keep it.
    /// </remarks>
    /// <example><code>
    /// var monitor = new Applications.GanMonitor((epoch, images) => Plots.ImageGrid(images, $"out/epoch_{epoch + 1:000}.png"), numImages: 16);
    /// gan.Fit(xTrain, epochs: 20, callbacks: [monitor]);
    /// </code></example>
    public sealed class GanMonitor : Callback
    {
        private readonly Action<int, Tensor> _sink;
        private readonly Keras.Random.SeedGenerator _random;
        private Tensor? _noise;

        /// <summary>Creates the callback.</summary>
        /// <param name="sink">Receives (epoch, images) at each epoch end, e.g. a PNG grid writer.</param>
        /// <param name="numImages">Number of fixed noise vectors (default 16).</param>
        /// <param name="seed">Seed of the fixed noise; null draws it from the global generator when training first starts. The noise is kept for the callback's lifetime, so a later <c>Fit</c> continues with the same vectors.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="numImages"/> is not positive.</exception>
        public GanMonitor(Action<int, Tensor> sink, int numImages = 16, int? seed = null)
        {
            _sink = sink ?? throw new ArgumentNullException(nameof(sink));
            if (numImages <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(numImages), numImages, $"Expected a positive `num_img`. Received: num_img={numImages}");
            }

            NumImages = numImages;
            _random = new Keras.Random.SeedGenerator(seed);
        }

        /// <summary>Gets the number of images produced per epoch.</summary>
        public int NumImages { get; }

        /// <inheritdoc/>
        public override void OnTrainBegin(Logs logs)
        {
            var generator = Generator();
            if (_noise is null || _noise.shape[1] != generator.LatentDim)
            {
                _noise?.Dispose();
                using var scope = NewDisposeScope();
                _noise = _random.Normal([NumImages, generator.LatentDim], 0, 1, ScalarType.Float32, Keras.Backend.TorchDevice).DetachFromDisposeScope();
            }
        }

        /// <inheritdoc/>
        public override void OnEpochEnd(int epoch, Logs logs)
        {
            var generator = Generator();
            if (_noise is null)
            {
                OnTrainBegin(logs);
            }

            Tensor images;
            using (NewDisposeScope())
            using (no_grad())
            {
                images = generator.GenerateFrom(_noise!.to(Keras.Backend.TorchDevice)).detach().cpu().DetachFromDisposeScope();
            }

            // Outside the scope, so that what the sink keeps (a clone, a copy) is not disposed with it.
            try
            {
                _sink(epoch, images);
            }
            finally
            {
                images.Dispose();
            }
        }

        private ILatentGenerator Generator() => Model as ILatentGenerator
            ?? throw new InvalidOperationException(
                $"GanMonitor needs a model that generates from noise (Applications.Gan or Applications.Vae). Received: {Model?.GetType().Name ?? "no model"}.");
    }
}
