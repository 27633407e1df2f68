using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Applications;

public class VaeConvolutionalTests
{
    private static Tensor T(NumSharp.NDArray a) => TensorConvert.ToTensor(a, "a");

    [Fact]
    public void Default_IsKerasVaeExample()
    {
        var vae = DeepKeras.Applications.Vae.Convolutional();

        // Encoder: Conv2D(32, s2) 9·32+32 = 320; Conv2D(64, s2) 9·32·64+64 = 18,496; Dense(16) on 7·7·64 = 3,136: 50,192;
        // z_mean, z_log_var 16·2+2 = 34 each → 69,076 (Keras's vae.py).
        // Decoder: Dense(3,136) 2·3,136+3,136 = 9,408; Conv2DTranspose(64) 9·64·64+64 = 36,928; (32) 9·64·32+32 = 18,464;
        // (1) 9·32+1 = 289 → 65,089.
        Assert.Equal(69_076, vae.Encoder.CountParams());
        Assert.Equal(65_089, vae.Decoder.CountParams());
        Assert.Equal(2, vae.LatentDim);
        Assert.Equal(3, ((Functional)vae.Encoder).Outputs.Count);
        Assert.Contains(vae.Encoder.Layers, l => l is Sampling);
        Assert.Equal(["Dense", "Reshape", "Conv2DTranspose", "Conv2DTranspose", "Conv2DTranspose"], vae.Decoder.Layers.Select(l => l.ClassName));
    }

    [Fact]
    public void EncodeDecodeGenerate_Shapes()
    {
        Keras.Utils.SetRandomSeed(0);
        var vae = DeepKeras.Applications.Vae.Convolutional((8, 4, 1), latentDim: 3, filters: [4, 8], denseUnits: 5);
        var x = rand(6, 8, 4, 1);
        var (mean, logVar, z) = vae.Encode(x);
        Assert.Equal([6L, 3L], T(mean).shape);
        Assert.Equal([6L, 3L], T(logVar).shape);
        Assert.Equal([6L, 3L], T(z).shape);
        Assert.Equal([6L, 8L, 4L, 1L], T(vae.Decode(mean)).shape);
        Assert.Equal([5L, 8L, 4L, 1L], T(vae.Generate(5)).shape);
    }

    [Fact]
    public void Fit_LossFallsAndTrackersAddUp()
    {
        Keras.Utils.SetRandomSeed(1);
        // Two kinds of 8×8 images: a bright left half or a bright right half.
        var x = zeros(64, 8, 8, 1);
        x[..32, .., ..4, 0] = ones(32, 8, 4);
        x[32.., .., 4.., 0] = ones(32, 8, 4);
        var vae = DeepKeras.Applications.Vae.Convolutional((8, 8, 1), latentDim: 2, filters: [4, 8], denseUnits: 8, seed: 2);
        vae.Compile(optimizer: new Adam(0.01));
        var epochs = new List<int>();
        var history = vae.Fit(x, epochs: 12, batchSize: 8, verbose: 0, callbacks: [new EpochRecorder(epochs)]);

        Assert.Equal(Enumerable.Range(0, 12), epochs);
        Assert.Equal(["kl_loss", "loss", "reconstruction_loss"], history.HistoryData.Keys.Order());
        // At the start the sigmoid outputs ≈ 0.5: 64 values × ln 2 ≈ 44.4 of reconstruction loss per image; the mean image
        // (0.5 everywhere for these data) costs exactly 44.36, so the loss must fall from above it toward it or below.
        Assert.InRange(history["reconstruction_loss"][0], 40, 50);
        Assert.True(history["loss"][^1] < history["loss"][0], $"loss {history["loss"][0]} → {history["loss"][^1]}");
        Assert.True(history["loss"][^1] < 44.4, $"last loss {history["loss"][^1]}");
        for (var e = 0; e < 12; e++)
        {
            TestData.Near(history["reconstruction_loss"][e] + history["kl_loss"][e], history["loss"][e], 1e-3, $"epoch {e}");
        }
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => DeepKeras.Applications.Vae.Convolutional(784));
        var odd = Assert.Throws<ArgumentException>(() => DeepKeras.Applications.Vae.Convolutional((6, 6, 1), filters: [4, 8]));
        Assert.Contains("divisible by 4", odd.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DeepKeras.Applications.Vae.Convolutional(latentDim: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeepKeras.Applications.Vae.Convolutional(denseUnits: 0));
    }

    private sealed class EpochRecorder(List<int> seen) : Callback
    {
        public override void OnEpochEnd(int epoch, Logs logs) => seen.Add(epoch);
    }
}
