using DeepKeras.Layers;
using DeepKeras.Optimizers;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Applications;

public class AutoencoderConvolutionalTests
{
    private static Tensor T(NumSharp.NDArray a) => TensorConvert.ToTensor(a, "a");

    [Fact]
    public void Default_IsKerasDenoisingAutoencoderLayout()
    {
        var ae = DeepKeras.Applications.Autoencoder.Convolutional();

        // Encoder: Conv2D(32) on 1 channel 9·32+32 = 320, Conv2D(32) on 32: 9·32·32+32 = 9,248 → 9,568.
        // Decoder: two Conv2DTranspose(32) on 32: 9,248 each, Conv2D(1) on 32: 9·32+1 = 289 → 18,785. Total 28,353 (Keras's example).
        Assert.Equal(9_568, ae.Encoder.CountParams());
        Assert.Equal(18_785, ae.Decoder.CountParams());
        Assert.Equal(28_353, ae.CountParams());
        Assert.Equal(["Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D"], ae.Encoder.Layers.Select(l => l.ClassName));
        Assert.Equal(["Conv2DTranspose", "Conv2DTranspose", "Conv2D"], ae.Decoder.Layers.Select(l => l.ClassName));
        Assert.Equal("sigmoid", ((Conv2D)ae.Decoder.Layers[^1]).Activation.Name);
        Assert.Null(ae.Corruption);
    }

    [Fact]
    public void Shapes_CodeIsAQuarterSizeMapAndTheReconstructionMatchesTheInput()
    {
        Keras.Utils.SetRandomSeed(0);
        var ae = DeepKeras.Applications.Autoencoder.Convolutional((12, 8, 2), filters: [4, 6]);
        var x = rand(3, 12, 8, 2);

        // Two poolings: 12×8 → 6×4 → 3×2 with the last block's 6 filters; two stride-2 transposed convolutions undo them.
        Assert.Equal([3L, 3L, 2L, 6L], T(ae.Encode(x)).shape);
        Assert.Equal([3L, 12L, 8L, 2L], T(ae.Reconstruct(x)).shape);
        var r = T(ae.Reconstruct(x));
        Assert.True(r.min().item<float>() > 0 && r.max().item<float>() < 1, "sigmoid output outside (0, 1)");
    }

    [Fact]
    public void Noise_AddsATrainingOnlyCorruption()
    {
        Keras.Utils.SetRandomSeed(1);
        var ae = DeepKeras.Applications.Autoencoder.Convolutional((8, 8, 1), filters: [4], noise: "gaussian", noiseLevel: 0.5, seed: 3);
        var gauss = Assert.IsType<GaussianNoise>(ae.Corruption);
        Assert.Equal(0.5, gauss.Stddev);
        var x = full(4000, 8, 8, 1, 0.5f);

        // The corruption adds N(0, 0.5²): the noisy values keep mean 0.5 and have variance 0.25 (256,000 draws: se ≈ 0.001, 0.0007).
        var noisy = T(ae.Corrupt(x));
        Assert.InRange(noisy.mean().item<float>(), 0.49, 0.51);
        Assert.InRange(noisy.var().item<float>(), 0.245, 0.255);
        Assert.True(allclose(T(ae.Reconstruct(x[..5])), T(ae.Reconstruct(x[..5]))), "inference must not be corrupted");
    }

    [Fact]
    public void Fit_LearnsToReconstructBlobs()
    {
        Keras.Utils.SetRandomSeed(2);
        // Images with one bright 4×4 square at one of 4 places.
        var x = zeros(64, 8, 8, 1);
        for (var i = 0; i < 64; i++)
        {
            var (r, c) = ((i % 2) * 4, (i / 2 % 2) * 4);
            x[i, r..(r + 4), c..(c + 4), 0] = ones(4, 4);
        }

        var ae = DeepKeras.Applications.Autoencoder.Convolutional((8, 8, 1), filters: [8]);
        ae.Compile(optimizer: new Adam(0.01), loss: "binary_crossentropy");
        var before = ae.ReconstructionMse(x);
        var history = ae.Fit(x, epochs: 60, batchSize: 16, verbose: 0);

        // At the start the sigmoid outputs ≈ 0.5 everywhere: MSE ≈ 0.25. Training must cut it by at least 10×.
        Assert.InRange(before, 0.15, 0.35);
        Assert.True(history["loss"][^1] < history["loss"][0], "the loss did not fall");
        Assert.True(ae.ReconstructionMse(x) < before / 10, $"MSE {ae.ReconstructionMse(x)} vs {before} before training");
    }

    [Fact]
    public void BadArguments_Throw()
    {
        var notImage = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.Autoencoder.Convolutional(784));
        Assert.Contains("(height, width, channels)", notImage.Message);
        var odd = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.Autoencoder.Convolutional((28, 28, 1), filters: [8, 8, 8]));
        Assert.Contains("divisible by 8", odd.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DeepKeras.Applications.Autoencoder.Convolutional((8, 8, 1), filters: []));
        var noise = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.Autoencoder.Convolutional((8, 8, 1), noise: "salt"));
        Assert.Contains("gaussian, dropout, gaussian_dropout", noise.Message);
    }
}
