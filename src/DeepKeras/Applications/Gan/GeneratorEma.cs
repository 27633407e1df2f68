using DeepKeras.Callbacks;
using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Applications
{
    /// <summary>
    /// A callback that keeps an exponential moving average of a <see cref="Gan"/>'s generator weights, updated after
    /// every training step (average ← momentum·average + (1 − momentum)·weights, as Keras optimizers' <c>use_ema</c>),
    /// and lets the generator show the averaged weights between epochs (as Keras's <c>SwapEMAWeights(swap_on_epoch=True)</c>).
    /// The adversarial game keeps training the raw weights; averaging them removes much of the step-to-step noise in the
    /// samples (Yazıcı et al., "The unusual effectiveness of averaging in GAN training", 2019).
    /// </summary>
    /// <remarks>
    /// At each epoch end the generator's weights are swapped with the average (list this callback before a
    /// <see cref="GanMonitor"/> so that the monitor sees the averaged generator) and swapped back when the next epoch
    /// begins; after training the generator keeps the averaged weights. Every weight of the generator is averaged,
    /// BatchNormalization's moving statistics included; when the generator has BatchNormalization layers, their moving
    /// statistics are then re-estimated for the averaged weights with up to 100 training-mode passes over 256 noise vectors
    /// (enough for the statistics to forget 99.9% of their old value at the layers' momentum).
    /// </remarks>
    /// <example><code>
    /// gan.Fit(xTrain, epochs: 20, callbacks: [new Applications.GeneratorEma(0.999), new Applications.GanMonitor(Save)]);
    /// var samples = gan.Generate(16); // from the averaged generator
    /// </code></example>
    public sealed class GeneratorEma : Callback
    {
        private const int RefreshBatchSize = 256;
        private Tensor[]? _other;
        private bool _averaged;

        /// <summary>Creates the callback.</summary>
        /// <param name="momentum">Weight of the old average at each step (default 0.999: an average over about the last 1,000 steps).</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="momentum"/> is outside (0, 1).</exception>
        public GeneratorEma(double momentum = 0.999)
        {
            if (!(momentum > 0 && momentum < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(momentum), momentum,
                    $"Expected `ema_momentum` in (0, 1). Received: ema_momentum={momentum}");
            }

            Momentum = momentum;
        }

        /// <summary>Gets the weight of the old average at each step.</summary>
        public double Momentum { get; }

        /// <inheritdoc/>
        public override void OnTrainBegin(Logs logs)
        {
            _ = Network();
            Release();
        }

        /// <inheritdoc/>
        public override void OnTrainBatchEnd(int batch, Logs logs)
        {
            var weights = Network().Generator.Weights;
            using var noGrad = no_grad();
            if (_other is null)
            {
                _other = weights.Select(w => w.Value.detach().clone().DetachFromDisposeScope()).ToArray();
                return;
            }

            for (var i = 0; i < _other.Length; i++)
            {
                _other[i].mul_(Momentum).add_(weights[i].Value, alpha: 1 - Momentum);
            }
        }

        /// <inheritdoc/>
        public override void OnEpochEnd(int epoch, Logs logs)
        {
            if (!_averaged && _other is not null)
            {
                Swap();
            }
        }

        /// <inheritdoc/>
        public override void OnEpochBegin(int epoch, Logs logs)
        {
            if (_averaged)
            {
                Swap();
            }
        }

        /// <inheritdoc/>
        public override void OnTrainEnd(Logs logs)
        {
            if (!_averaged && _other is not null)
            {
                Swap();
            }

            // The generator keeps the averaged weights; a later Fit starts a new average from them.
            Release();
        }

        private void Swap()
        {
            var gan = Network();
            var weights = gan.Generator.Weights;
            using (NewDisposeScope())
            using (no_grad())
            {
                for (var i = 0; i < _other!.Length; i++)
                {
                    var current = weights[i].Value.detach().clone();
                    weights[i].Value.copy_(_other[i]);
                    _other[i].copy_(current);
                }

                _averaged = !_averaged;
                var norms = gan.Generator.Layers.OfType<BatchNormalization>().ToList();
                if (_averaged && norms.Count > 0)
                {
                    var momentum = norms.Max(n => n.Momentum);
                    var passes = momentum <= 0 ? 1 : momentum >= 1 ? 100 : (int)Math.Clamp(Math.Ceiling(Math.Log(1e-3) / Math.Log(momentum)), 1, 100);
                    for (var i = 0; i < passes; i++)
                    {
                        gan.Generator.Apply(randn(RefreshBatchSize, gan.LatentDim, device: Keras.Backend.TorchDevice), training: true);
                    }
                }
            }
        }

        private void Release()
        {
            if (_other is not null)
            {
                foreach (var t in _other)
                {
                    t.Dispose();
                }
            }

            _other = null;
            _averaged = false;
        }

        private Gan Network() => Model as Gan
            ?? throw new InvalidOperationException(
                $"GeneratorEma needs an Applications.Gan (it averages the generator's weights). Received: {Model?.GetType().Name ?? "no model"}.");
    }
}
