using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Applications;

public class VaeTests
{
    private static Tensor T(NumSharp.NDArray a) => TensorConvert.ToTensor(a, "a");

    [Fact]
    public void KlLoss_HandCase_EqualsClosedForm()
    {
        var mean = tensor(new[,] { { 0.5f, -1f }, { 0f, 2f } });
        var logVar = tensor(new[,] { { 0f, (float)Math.Log(2) }, { (float)Math.Log(0.5), 0f } });

        // KL(N(μ, σ²) ‖ N(0, 1)) = ln(1/σ) + (σ² + μ²)/2 − 1/2 per latent axis, summed per sample, averaged over the batch.
        // Row 1: 0.125 + (−ln√2 + (2 + 1)/2 − 1/2) = 0.125 + 0.6534264; row 2: (ln√2 + 0.25 − 0.5) + 2 = 0.0965736 + 2.
        // Mean = (0.7784264 + 2.0965736) / 2 = 1.4375.
        double Kl(double mu, double var) => Math.Log(1 / Math.Sqrt(var)) + (var + mu * mu) / 2 - 0.5;
        var expected = (Kl(0.5, 1) + Kl(-1, 2) + Kl(0, 0.5) + Kl(2, 1)) / 2;
        TestData.Near(1.4375, expected, 1e-12, "closed form");
        TestData.Near(expected, DeepKeras.Applications.Vae.KlLoss(mean, logVar).item<float>(), 1e-6, "KL");
        TestData.Near(0, DeepKeras.Applications.Vae.KlLoss(zeros(3, 2), zeros(3, 2)).item<float>(), 1e-7, "KL of N(0, I)");
    }

    [Fact]
    public void ReconstructionLoss_HandCase_PerSampleSumBatchMean()
    {
        var x = tensor(new[,] { { 1f, 0f, 1f }, { 0f, 1f, 0.5f } });
        var xHat = tensor(new[,] { { 0.9f, 0.2f, 0.6f }, { 0.1f, 0.8f, 0.5f } });

        // Row 1: −ln 0.9 − ln 0.8 − ln 0.6 = 0.1053605 + 0.2231436 + 0.5108256 = 0.8393297.
        // Row 2: −ln 0.9 − ln 0.8 − (0.5 ln 0.5 + 0.5 ln 0.5) = 0.1053605 + 0.2231436 + 0.6931472 = 1.0216513.
        // Mean over the batch: 0.9304905.
        TestData.Near(0.9304905, DeepKeras.Applications.Vae.ReconstructionLoss(x, xHat).item<float>(), 1e-6, "flat");
        TestData.Near(0.9304905, DeepKeras.Applications.Vae.ReconstructionLoss(x.reshape(2, 3, 1), xHat.reshape(2, 3, 1)).item<float>(), 1e-6, "image-shaped");
    }

    [Fact]
    public void Dense_Default_Structure()
    {
        var vae = DeepKeras.Applications.Vae.Dense();

        // Encoder 784·512+512 = 401,920, z_mean and z_log_var 512·2+2 = 1,026 each → 403,972.
        // Decoder 2·512+512 = 1,536, 512·784+784 = 402,192 → 403,728.
        Assert.Equal(403_972, vae.Encoder.CountParams());
        Assert.Equal(403_728, vae.Decoder.CountParams());
        Assert.Equal(2, vae.LatentDim);
        Assert.Equal(3, ((Functional)vae.Encoder).Outputs.Count);
        Assert.Contains(vae.Encoder.Layers, l => l is Sampling);
        Assert.Equal(["z_mean", "z_log_var"], vae.Encoder.Layers.OfType<Dense>().TakeLast(2).Select(l => l.Name));
        Assert.Equal("sigmoid", ((Dense)vae.Decoder.Layers[^1]).Activation.Name);
    }

    [Fact]
    public void Fit_RunsWithCallbacksHistoryAndValidation()
    {
        var x = ManifoldData.Surface(512, dim: 20, seed: 50);
        Keras.Utils.SetRandomSeed(51);
        var vae = DeepKeras.Applications.Vae.Dense(inputShape: 20, latentDim: 2, hidden: [32]);
        vae.Compile(optimizer: new Adam(0.01));
        var epochs = new List<int>();
        var history = vae.Fit(x, epochs: 8, batchSize: 64, validationSplit: 0.25, verbose: 0, callbacks: [new EpochRecorder(epochs)]);

        Assert.Equal(Enumerable.Range(0, 8), epochs);
        Assert.Equal(["kl_loss", "loss", "reconstruction_loss", "val_kl_loss", "val_loss", "val_reconstruction_loss"], history.HistoryData.Keys.Order());
        Assert.True(history["loss"][^1] < history["loss"][0], $"loss {history["loss"][0]} → {history["loss"][^1]}");
        for (var e = 0; e < 8; e++)
        {
            // Each tracker is the mean of per-batch values over the same batches: loss = reconstruction + KL.
            TestData.Near(history["reconstruction_loss"][e] + history["kl_loss"][e], history["loss"][e], 1e-4, $"epoch {e}");
        }
    }

    [Fact]
    public void Evaluate_ComputesTheLossesWithoutUpdating()
    {
        var x = ManifoldData.Surface(64, dim: 20, seed: 52);
        Keras.Utils.SetRandomSeed(53);
        var vae = DeepKeras.Applications.Vae.Dense(inputShape: 20, latentDim: 3, hidden: [16]);
        vae.Compile(optimizer: new Adam(0.01));
        var before = vae.GetWeights().Select(w => TensorConvert.ToTensor(w, "w")).ToArray();
        var result = vae.Evaluate(x, verbose: 0);
        var after = vae.GetWeights().Select(w => TensorConvert.ToTensor(w, "w")).ToArray();

        Assert.All(before.Zip(after), p => Assert.True(p.First.eq(p.Second).all().item<bool>()));
        Assert.Equal(["loss", "reconstruction_loss", "kl_loss"], result.Names);

        // Per sample, 20 values of BCE: each at least the entropy of its target, so the sum is well above 0.
        Assert.True(result["reconstruction_loss"] > 1, $"reconstruction {result["reconstruction_loss"]}");
    }

    [Fact]
    public void EncodeDecodeGenerate_Shapes()
    {
        Keras.Utils.SetRandomSeed(54);
        var vae = DeepKeras.Applications.Vae.Dense(inputShape: (4, 5, 1), latentDim: 2, hidden: [8]);
        var x = rand(6, 4, 5, 1);
        var (zMean, zLogVar, z) = vae.Encode(x);
        Assert.Equal([6L, 2L], T(zMean).shape);
        Assert.Equal([6L, 2L], T(zLogVar).shape);
        Assert.Equal([6L, 2L], T(z).shape);
        Assert.Equal([3L, 4L, 5L, 1L], T(vae.Decode(zeros(3, 2))).shape);
        var generated = T(vae.Generate(5));
        Assert.Equal([5L, 4L, 5L, 1L], generated.shape);
        Assert.True(generated.min().item<float>() > 0 && generated.max().item<float>() < 1);
        Assert.Equal([6L, 4L, 5L, 1L], T(vae.Predict(x)).shape);
    }

    [Fact]
    public void Ctor_DecoderWithoutInputShape_Throws()
    {
        var encoder = DeepKeras.Applications.Vae.DenseEncoder(8, 2, [4]);
        var e = Assert.Throws<ArgumentException>(() => new DeepKeras.Applications.Vae(encoder, new Sequential(new Dense(8))));
        Assert.Contains("latentDim", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DeepKeras.Applications.Vae.Dense(latentDim: 0));
    }

    private sealed class EpochRecorder(List<int> seen) : Callback
    {
        public override void OnEpochEnd(int epoch, Logs logs) => seen.Add(epoch);
    }
}
