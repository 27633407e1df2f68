using DeepKeras.Training;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras;

public static partial class Applications
{
    /// <summary>
    /// Principal component analysis, the linear baseline the course compares autoencoders with: the code of a sample is
    /// its projection on the <see cref="NComponents"/> directions of largest variance, found by the SVD of the centred
    /// data (libtorch <c>torch.linalg.svd</c>). For the same code size it is the best linear encoder/decoder in mean
    /// squared error, so an autoencoder beats it only by being non-linear.
    /// </summary>
    /// <remarks>Samples of any shape are flattened; <see cref="Decode"/> restores the sample shape seen by <see cref="Fit"/>.</remarks>
    /// <example><code>
    /// var pca = new Applications.Pca(32).Fit(xTrain);
    /// var mse = pca.ReconstructionMse(xTest);   // compare with autoencoder.ReconstructionMse(xTest)
    /// </code></example>
    public sealed class Pca
    {
        private Tensor? _mean;
        private Tensor? _components;
        private long[]? _sampleShape;

        /// <summary>Creates an unfitted PCA.</summary>
        /// <param name="nComponents">The code size: number of principal components kept.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="nComponents"/> is not positive.</exception>
        public Pca(int nComponents)
        {
            if (nComponents <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(nComponents), nComponents,
                    $"Expected a positive number of components. Received: n_components={nComponents}");
            }

            NComponents = nComponents;
        }

        /// <summary>Gets the number of components (the code size).</summary>
        public int NComponents { get; }

        /// <summary>Gets whether <see cref="Fit"/> has run.</summary>
        public bool Fitted => _components is not null;

        /// <summary>Gets the fraction of the data's variance carried by each kept component, largest first (after <see cref="Fit"/>).</summary>
        public IReadOnlyList<double> ExplainedVarianceRatio { get; private set; } = [];

        /// <summary>Gets the principal directions, shape (nComponents, features), one per row (after <see cref="Fit"/>).</summary>
        public NDArray Components => TensorConvert.ToNDArray(_components ?? throw NotFitted());

        /// <summary>Gets the per-feature mean subtracted before projecting (after <see cref="Fit"/>).</summary>
        public NDArray Mean => TensorConvert.ToNDArray(_mean ?? throw NotFitted());

        /// <summary>Finds the principal directions of <paramref name="x"/>.</summary>
        /// <param name="x">Training samples, (n, features) or (n, …) which is flattened.</param>
        /// <returns>This instance, for chaining.</returns>
        /// <exception cref="ArgumentException">Fewer features or samples than components.</exception>
        public Pca Fit(ArrayLike x)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var data = Flatten(x, "x", out var sampleShape);
            var (n, d) = (data.shape[0], data.shape[1]);
            if (NComponents > Math.Min(n, d))
            {
                throw new ArgumentException(
                    $"n_components={NComponents} must be at most min(n_samples, n_features)=min({n}, {d}).", nameof(x));
            }

            var mean = data.mean([0]);
            var (_, s, vh) = linalg.svd(data - mean, fullMatrices: false);
            var variance = s.square();
            var ratio = variance / variance.sum();
            ExplainedVarianceRatio = ratio.narrow(0, 0, NComponents).to(float64).data<double>().ToArray();
            _mean?.Dispose();
            _components?.Dispose();
            _mean = mean.DetachFromDisposeScope();
            _components = vh.narrow(0, 0, NComponents).contiguous().DetachFromDisposeScope();
            _sampleShape = sampleShape;
            return this;
        }

        /// <summary>Projects samples on the principal directions: (x − mean)·Vᵀ.</summary>
        /// <param name="x">Samples shaped like the training data.</param>
        /// <returns>Codes, shape (n, nComponents).</returns>
        public NDArray Encode(ArrayLike x)
        {
            using var scope = NewDisposeScope();
            return TensorConvert.ToNDArray(EncodeTensor(Flatten(x, "x", out _)));
        }

        /// <summary>Maps codes back to the input space: z·V + mean, reshaped to the training sample shape.</summary>
        /// <param name="z">Codes, shape (n, nComponents).</param>
        /// <returns>The decoded samples.</returns>
        public NDArray Decode(ArrayLike z)
        {
            using var scope = NewDisposeScope();
            var codes = DataPrep.PrepareX(z.ToTensors("z"), "z")[0].to(Keras.Backend.TorchDevice);
            if (codes.dim() != 2 || codes.shape[1] != NComponents)
            {
                throw new ArgumentException($"Expected codes of shape (n, {NComponents}). Received: shape ({string.Join(", ", codes.shape)})", nameof(z));
            }

            return TensorConvert.ToNDArray(DecodeTensor(codes));
        }

        /// <summary>Encodes then decodes samples (the best rank-nComponents linear reconstruction).</summary>
        /// <param name="x">Samples.</param>
        /// <returns>The reconstructions, shaped like the training samples.</returns>
        public NDArray Reconstruct(ArrayLike x)
        {
            using var scope = NewDisposeScope();
            return TensorConvert.ToNDArray(ReconstructTensor(Flatten(x, "x", out _)));
        }

        /// <summary>The mean squared reconstruction error over all samples and values.</summary>
        /// <param name="x">Samples.</param>
        /// <returns>mean((x − Decode(Encode(x)))²).</returns>
        public double ReconstructionMse(ArrayLike x)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var data = Flatten(x, "x", out _);
            return (data - ReconstructTensor(data).reshape(data.shape)).square().mean().item<float>();
        }

        /// <summary>Reconstructs a tensor of samples; used by anomaly detection.</summary>
        internal Tensor ReconstructTensor(Tensor x)
        {
            using var noGrad = no_grad();
            var flat = x.to(float32).to(Keras.Backend.TorchDevice).reshape(x.shape[0], -1);
            return DecodeTensor(EncodeTensor(flat));
        }

        private Tensor EncodeTensor(Tensor flat)
        {
            var components = _components ?? throw NotFitted();
            if (flat.shape[1] != components.shape[1])
            {
                throw new ArgumentException(
                    $"This PCA was fitted on {components.shape[1]} features per sample; received {flat.shape[1]}.", "x");
            }

            using var noGrad = no_grad();
            return (flat - _mean!).matmul(components.t());
        }

        private Tensor DecodeTensor(Tensor codes)
        {
            using var noGrad = no_grad();
            var flat = codes.matmul(_components ?? throw NotFitted()) + _mean!;
            return flat.reshape([flat.shape[0], .. _sampleShape!]);
        }

        private static Tensor Flatten(ArrayLike x, string name, out long[] sampleShape)
        {
            var t = DataPrep.PrepareX(x.ToTensors(name), name)[0].to(float32).to(Keras.Backend.TorchDevice);
            if (t.dim() < 2)
            {
                throw new ArgumentException($"Expected samples of shape (n, features) or (n, ...). Received: shape ({string.Join(", ", t.shape)})", name);
            }

            sampleShape = t.shape.Skip(1).ToArray();
            return t.reshape(t.shape[0], -1);
        }

        private static InvalidOperationException NotFitted() =>
            new("This PCA instance is not fitted yet. Call `Fit(x)` before using it.");
    }
}
