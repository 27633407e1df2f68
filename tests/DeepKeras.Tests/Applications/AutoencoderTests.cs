using DeepKeras.Layers;
using DeepKeras.Optimizers;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Applications;

public class AutoencoderTests
{
    private static Tensor T(NumSharp.NDArray a) => TensorConvert.ToTensor(a, "a");

    [Fact]
    public void Undercomplete_Default_784_32_784()
    {
        var ae = DeepKeras.Applications.Autoencoder.Undercomplete();

        // Encoder 784·32+32 = 25,120; decoder 32·784+784 = 25,872 → 50,992.
        Assert.Equal(25_120, ae.Encoder.CountParams());
        Assert.Equal(25_872, ae.Decoder.CountParams());
        Assert.Equal(50_992, ae.CountParams());
        Assert.Equal("relu", ((Dense)ae.Encoder.Layers[^1]).Activation.Name);
        Assert.Equal("sigmoid", ((Dense)ae.Decoder.Layers[^1]).Activation.Name);
        Assert.Null(ae.Corruption);
    }

    [Fact]
    public void Stacked_Default_784_128_64_32_64_128_784()
    {
        var ae = DeepKeras.Applications.Autoencoder.Stacked();
        Assert.Equal([128, 64, 32], ae.Encoder.Layers.Cast<Dense>().Select(d => d.Units));
        Assert.Equal([64, 128, 784], ae.Decoder.Layers.Cast<Dense>().Select(d => d.Units));

        // 100,480 + 8,256 + 2,080 + 2,112 + 8,320 + 101,136 = 222,384.
        Assert.Equal(222_384, ae.CountParams());
    }

    [Fact]
    public void ImageShape_FlattensAndReshapesBack()
    {
        var ae = DeepKeras.Applications.Autoencoder.Undercomplete(inputShape: (6, 5, 1), codeSize: 4);
        var x = rand(3, 6, 5, 1);
        Assert.Equal([3L, 4L], T(ae.Encode(x)).shape);
        Assert.Equal([3L, 6L, 5L, 1L], T(ae.Reconstruct(x)).shape);
        Assert.Equal([3L, 6L, 5L, 1L], T(ae.Decode(zeros(3, 4))).shape);
    }

    [Fact]
    public void DecodeOfEncode_EqualsReconstruct()
    {
        Keras.Utils.SetRandomSeed(0);
        var ae = DeepKeras.Applications.Autoencoder.Stacked(inputShape: 10, units: [8, 3]);
        var x = rand(7, 10);
        Assert.True(allclose(T(ae.Decode(ae.Encode(x))), T(ae.Reconstruct(x)), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Fit_WithoutY_TrainsOnXAsTarget_SameAsFitXX()
    {
        var x = ManifoldData.Curve(256, dim: 10);
        double FinalLoss(bool withY)
        {
            Keras.Utils.SetRandomSeed(7);
            var ae = DeepKeras.Applications.Autoencoder.Stacked(inputShape: 10, units: [16, 2]);
            ae.Compile(optimizer: new Adam(0.01), loss: "mse");
            var h = withY ? ae.Fit(x, x, epochs: 3, verbose: 0) : ae.Fit(x, epochs: 3, verbose: 0);
            return h["loss"][^1];
        }

        Assert.Equal(FinalLoss(true), FinalLoss(false));
    }

    [Fact]
    public void Denoising_GaussianNoise_ReconstructsCleanerThanTheNoisyInput()
    {
        var clean = ManifoldData.Surface(2000, dim: 20, seed: 1);
        var testClean = ManifoldData.Surface(500, dim: 20, seed: 9);
        Keras.Utils.SetRandomSeed(2);
        var ae = DeepKeras.Applications.Autoencoder.Denoising(inputShape: 20, units: [64, 32, 8], noise: "gaussian", noiseLevel: 0.2);
        ae.Compile(optimizer: new Adam(0.01), loss: "mse");
        var history = ae.Fit(clean, epochs: 30, batchSize: 100, verbose: 0);

        var noisy = T(ae.Corrupt(testClean));
        var noisyMse = (noisy - testClean).square().mean().item<float>();
        var denoisedMse = ae.ReconstructionMse(noisy, target: testClean);

        // N(0, 0.2²) noise: the noisy input's MSE to the clean data is ≈ 0.04.
        TestData.Near(0.04, noisyMse, 0.002, "noisy MSE");
        Assert.True(denoisedMse < 0.5 * noisyMse, $"denoised MSE {denoisedMse:F5} vs noisy {noisyMse:F5}");
        Assert.True(history["loss"][^1] < history["loss"][0]);
    }

    [Fact]
    public void Denoising_DropoutCorruption_ZeroesAFractionAndScalesTheRest()
    {
        Keras.Utils.SetRandomSeed(3);
        var ae = DeepKeras.Applications.Autoencoder.Denoising(inputShape: 20, units: [8], noise: "dropout", noiseLevel: 0.3);
        var x = ones(1000, 20);
        var corrupted = T(ae.Corrupt(x));
        var zeroFraction = corrupted.eq(0).to(float32).mean().item<float>();

        // 20,000 values, rate 0.3: the zero fraction is 0.3 ± 0.0032 (1σ); survivors are 1/(1 − 0.3).
        Assert.IsType<Dropout>(ae.Corruption);
        TestData.Near(0.3, zeroFraction, 0.015, "zero fraction");
        TestData.Near(1 / 0.7, corrupted.max().item<float>(), 1e-5, "survivor value");
        Assert.True(allclose(T(ae.Reconstruct(x)), T(ae.Decode(ae.Encode(x))), rtol: 1e-5, atol: 1e-6), "no corruption at inference");
    }

    [Fact]
    public void Denoising_UnknownNoise_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.Autoencoder.Denoising(noise: "salt"));
        Assert.Contains("Expected one of: gaussian, dropout, gaussian_dropout", e.Message);
        Assert.IsType<GaussianDropout>(DeepKeras.Applications.Autoencoder.Denoising(inputShape: 4, units: [2], noise: "gaussian_dropout", noiseLevel: 0.1).Corruption);
    }

    [Fact]
    public void Factories_BadSizes_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DeepKeras.Applications.Autoencoder.Undercomplete(codeSize: 0));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DeepKeras.Applications.Autoencoder.Stacked(units: []));
        Assert.Contains("units=[]", e.Message);
    }

    [Fact]
    public void Stacked_OnANonlinearCurve_BeatsPcaWithTheSameCodeSize()
    {
        var train = ManifoldData.Curve(2000, dim: 20, seed: 4);
        var test = ManifoldData.Curve(500, dim: 20, seed: 5);
        var pca = new DeepKeras.Applications.Pca(1).Fit(train);

        // A one-unit code: tanh rather than the default relu, whose single unit can die and leave a constant code.
        Keras.Utils.SetRandomSeed(6);
        var ae = DeepKeras.Applications.Autoencoder.Stacked(inputShape: 20, units: [32, 16, 1], activation: "tanh");
        ae.Compile(optimizer: new Adam(0.01), loss: "mse");
        ae.Fit(train, epochs: 20, batchSize: 100, verbose: 0);

        // PCA-1 keeps only the best line through the curve (test MSE ≈ 0.006); the autoencoder follows the curve.
        var pcaMse = pca.ReconstructionMse(test);
        var aeMse = ae.ReconstructionMse(test);
        Assert.True(aeMse < 0.25 * pcaMse, $"autoencoder MSE {aeMse:F6} vs PCA-1 {pcaMse:F6}");
    }
}
