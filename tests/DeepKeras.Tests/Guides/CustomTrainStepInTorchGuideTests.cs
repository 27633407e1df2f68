using DeepKeras.Callbacks;
using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Losses;
using DeepKeras.Metrics;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Guides;

/// <summary>
/// Keras's guide "Customizing what happens in fit() with PyTorch" (keras-io guides/keras_core/custom_train_step_in_torch),
/// cell by cell. Numbers come from the same cells run in Keras 3.15.1 (scripts/keras-golden/gen_guide_custom_train_step.py)
/// from the same formula weights and data (<see cref="GuideArrays"/>) in place of np.random, fit in order (shuffle off).
/// </summary>
/// <remarks>
/// "other name": the C# differs by a documented name: <c>TrainStep(Batch data)</c> for <c>train_step(self, data)</c>,
/// <c>Apply</c> for <c>self(x, ...)</c>, <c>loss.Call(y, yPred)</c> for <c>loss_fn(y, y_pred)</c>, the loss tracker cast
/// to <see cref="Mean"/> for its one-argument <c>UpdateState</c>, <c>GetMetricsResult()</c> for the dict of results,
/// <c>torch.cat</c> for <c>torch.concat</c>.
/// <code>
/// cell  what                                         after (now)                               before (46043e9)
///  1    imports                                      straight (using directives)               straight
///  2    CustomModel.train_step with compute_loss     other name (see above)                    impossible: no functional Model subclass constructor, no ZeroGrad
///  3    compile(adam, mse, [mae]); fit 3 epochs      straight                                  impossible: (cell 2)
///  4    own Mean/MAE trackers, metrics property      other name (Metrics override; Call)       impossible: (cell 2)
///  5    compile(adam) only; fit 5 epochs             straight                                  impossible: (cell 2)
///  6    train_step with sample_weight                other name (Batch deconstructs to 3;      impossible: (cell 2)
///                                                    the loop weights the compiled "mae", as
///                                                    Keras's weighted_metrics, not its metrics)
///  7    fit with sample_weight                       straight                                  impossible: (cell 2)
///  8    test_step                                    other name (TestStep)                     impossible: (cell 2)
///  9    compile(mse, [mae]); evaluate                straight                                  impossible: (cell 2)
/// 10    discriminator and generator Sequentials      straight                                  straight
/// 11    GAN: own compile, two optimizers, seed gen   other name (Compile overload, torch.cat)  impossible: no keras.random SeedGenerator, no Model() subclass with own steps
/// 12    data loader of all digits; fit 1 epoch       other name: batches as (x, y) tuples for  impossible: (cell 11)
///                                                    torch DataLoader; Fashion-MNIST slice
/// </code>
/// Counts (12 cells) — after: straight 6, other name 6, impossible 0. Before: straight 2, other name 0, impossible 10.
/// </remarks>
public sealed class CustomTrainStepInTorchGuideTests
{
    private static readonly NDArray X = GuideArrays.Wave([1000, 32], 0.0, 0.5, 0.5);
    private static readonly NDArray Y = GuideArrays.Wave([1000, 1], 1.0, 0.5, 0.5);
    private static readonly NDArray Sw = GuideArrays.Wave([1000, 1], 2.0, 0.5, 0.5);

    private static T DenseModel<T>(Func<KerasTensor, KerasTensor, T> create)
        where T : Model
    {
        var inputs = Keras.Input(shape: 32);
        var outputs = new Dense(1).Apply(inputs);
        var model = create(inputs, outputs);
        GuideArrays.WaveWeights(model);
        return model;
    }

    private static void AssertHistory(System.Text.Json.Nodes.JsonNode expected, History history, params string[] keys)
    {
        Assert.Equal(keys.Order(), history.HistoryData.Keys.Order());
        foreach (var key in keys)
        {
            var want = expected[key]!.AsArray().Select(v => (double)v!).ToArray();
            Assert.Equal(want.Length, history[key].Count);
            for (var i = 0; i < want.Length; i++)
            {
                Assert.True(Math.Abs(want[i] - history[key][i]) <= 1e-5 * Math.Max(1, Math.Abs(want[i])),
                    $"{key}[{i}]: Keras {want[i]}, DeepKeras {history[key][i]}");
            }
        }
    }

    private static System.Text.Json.Nodes.JsonNode Results => KerasGolden.Case("guide_train_step_models").Json("results");

    // ------------------------------------------------------------------ cells 2-3
    private sealed class CustomModel(KerasTensor inputs, KerasTensor outputs) : Model(inputs, outputs)
    {
        protected override Logs TrainStep(Batch data)
        {
            var (x, y, _) = data;
            ZeroGrad();
            var yPred = Apply(x[0], training: true);
            var loss = ComputeLoss(y: y, yPred: [yPred]);
            loss.backward();
            var trainableWeights = TrainableWeights.ToList();
            var gradients = trainableWeights.Select(v => v.Value.grad).ToList();
            using (no_grad())
            {
                Optimizer!.Apply(gradients, trainableWeights);
            }

            foreach (var metric in Metrics)
            {
                if (metric.Name == "loss")
                {
                    ((Mean)metric).UpdateState(loss);
                }
                else
                {
                    metric.UpdateState(y![0], yPred);
                }
            }

            return GetMetricsResult();
        }
    }

    [Fact]
    public void Cell02_03_TrainStepWithComputeLoss_FitsAsKeras()
    {
        var model = DenseModel((i, o) => new CustomModel(i, o));
        model.Compile(optimizer: "adam", loss: "mse", metrics: ["mae"]);
        var history = model.Fit(X, Y, epochs: 3, shuffle: false, verbose: 0);
        AssertHistory(Results["cell03"]!, history, "loss", "mae");
    }

    // ------------------------------------------------------------------ cells 4-5
    private sealed class OwnMetricsModel(KerasTensor inputs, KerasTensor outputs) : Model(inputs, outputs)
    {
        private readonly Mean _lossTracker = new(name: "loss");
        private readonly global::DeepKeras.Metrics.MeanAbsoluteError _maeMetric = new(name: "mae");
        private readonly global::DeepKeras.Losses.MeanSquaredError _lossFn = new();

        public override IReadOnlyList<Metric> Metrics => [_lossTracker, _maeMetric];

        protected override Logs TrainStep(Batch data)
        {
            var (x, y, _) = data;
            ZeroGrad();
            var yPred = Apply(x[0], training: true);
            var loss = _lossFn.Call(y![0], yPred);
            loss.backward();
            var trainableWeights = TrainableWeights.ToList();
            var gradients = trainableWeights.Select(v => v.Value.grad).ToList();
            using (no_grad())
            {
                Optimizer!.Apply(gradients, trainableWeights);
            }

            _lossTracker.UpdateState(loss);
            _maeMetric.UpdateState(y[0], yPred);
            return new Logs(new Dictionary<string, double> { ["loss"] = _lossTracker.Result(), ["mae"] = _maeMetric.Result() });
        }
    }

    [Fact]
    public void Cell04_05_OwnTrackersListedInMetrics_AreResetEachEpoch()
    {
        var model = DenseModel((i, o) => new OwnMetricsModel(i, o));
        model.Compile(optimizer: "adam");
        var history = model.Fit(X, Y, epochs: 5, shuffle: false, verbose: 0);
        AssertHistory(Results["cell05"]!, history, "loss", "mae");
    }

    // ------------------------------------------------------------------ cells 6-7
    private sealed class SampleWeightModel(KerasTensor inputs, KerasTensor outputs) : Model(inputs, outputs)
    {
        protected override Logs TrainStep(Batch data)
        {
            var (x, y, sampleWeight) = data;
            ZeroGrad();
            var yPred = Apply(x[0], training: true);
            var loss = ComputeLoss(y: y, yPred: [yPred], sampleWeight: sampleWeight);
            loss.backward();
            var trainableWeights = TrainableWeights.ToList();
            var gradients = trainableWeights.Select(v => v.Value.grad).ToList();
            using (no_grad())
            {
                Optimizer!.Apply(gradients, trainableWeights);
            }

            foreach (var metric in Metrics)
            {
                if (metric.Name == "loss")
                {
                    ((Mean)metric).UpdateState(loss);
                }
                else
                {
                    metric.UpdateState(y![0], yPred, sampleWeight: sampleWeight);
                }
            }

            return GetMetricsResult();
        }
    }

    [Fact]
    public void Cell06_07_TrainStepWithSampleWeight_FitsAsKeras()
    {
        var model = DenseModel((i, o) => new SampleWeightModel(i, o));
        model.Compile(optimizer: "adam", loss: "mse", metrics: ["mae"]);
        var history = model.Fit(X, Y, sampleWeight: Sw, epochs: 3, shuffle: false, verbose: 0);
        // The loop hands the sample weights to every metric in Metrics. In Keras that list holds a CompileMetrics container,
        // which gives the plain `metrics` (here "mae") no weights; DeepKeras lists the compiled metrics themselves, so the
        // MAE is weighted: the loss is Keras's, the MAE Keras's when compiled with weighted_metrics=["mae"].
        AssertHistory(Results["cell07_weighted_mae"]!, history, "loss", "mae");
        Assert.Equal((double)Results["cell07"]!["loss"]![2]!, history["loss"][2], 1e-5);
    }

    // ------------------------------------------------------------------ cells 8-9
    private sealed class TestStepModel(KerasTensor inputs, KerasTensor outputs) : Model(inputs, outputs)
    {
        protected override Logs TestStep(Batch data)
        {
            var (x, y, _) = data;
            var yPred = Apply(x[0], training: false);
            var loss = ComputeLoss(y: y, yPred: [yPred]);
            foreach (var metric in Metrics)
            {
                if (metric.Name == "loss")
                {
                    ((Mean)metric).UpdateState(loss);
                }
                else
                {
                    metric.UpdateState(y![0], yPred);
                }
            }

            return GetMetricsResult();
        }
    }

    [Fact]
    public void Cell08_09_TestStep_EvaluatesAsKeras()
    {
        var model = DenseModel((i, o) => new TestStepModel(i, o));
        model.Compile(loss: "mse", metrics: ["mae"]);
        var result = model.Evaluate(X, Y, verbose: 0);
        var expected = Results["cell09"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.Equal(["loss", "mae"], result.Names);
        Assert.Equal(expected[0], result[0], 1e-5);
        Assert.Equal(expected[1], result[1], 1e-5);
    }

    // ------------------------------------------------------------------ cells 10-12
    private static Sequential Discriminator() => new(
        [
            Keras.Input(shape: (28, 28, 1)),
            new Conv2D(64, (3, 3), strides: (2, 2), padding: "same"),
            new LeakyReLU(negativeSlope: 0.2),
            new Conv2D(128, (3, 3), strides: (2, 2), padding: "same"),
            new LeakyReLU(negativeSlope: 0.2),
            new GlobalMaxPooling2D(),
            new Dense(1),
        ],
        name: "discriminator");

    private const int LatentDim = 128;

    private static Sequential Generator() => new(
        [
            Keras.Input(shape: LatentDim),
            new Dense(7 * 7 * 128),
            new LeakyReLU(negativeSlope: 0.2),
            new Reshape((7, 7, 128)),
            new Conv2DTranspose(128, (4, 4), strides: (2, 2), padding: "same"),
            new LeakyReLU(negativeSlope: 0.2),
            new Conv2DTranspose(128, (4, 4), strides: (2, 2), padding: "same"),
            new LeakyReLU(negativeSlope: 0.2),
            new Conv2D(1, (7, 7), padding: "same", activation: "sigmoid"),
        ],
        name: "generator");

    private sealed class GAN : Model
    {
        public GAN(Sequential discriminator, Sequential generator, int latentDim)
        {
            Discriminator = discriminator;
            Generator = generator;
            LatentDim = latentDim;
            DLossTracker = new Mean(name: "d_loss");
            GLossTracker = new Mean(name: "g_loss");
            SeedGenerator = new Keras.Random.SeedGenerator(1337);
            Built = true;
        }

        public Sequential Discriminator { get; }

        public Sequential Generator { get; }

        public int LatentDim { get; }

        public Mean DLossTracker { get; }

        public Mean GLossTracker { get; }

        public Keras.Random.SeedGenerator SeedGenerator { get; }

        public Optimizer? DOptimizer { get; private set; }

        public Optimizer? GOptimizer { get; private set; }

        public Loss? LossFn { get; private set; }

        public override IReadOnlyList<Metric> Metrics => [DLossTracker, GLossTracker];

        public void Compile(Optimizer dOptimizer, Optimizer gOptimizer, Loss lossFn)
        {
            base.Compile();
            DOptimizer = dOptimizer;
            GOptimizer = gOptimizer;
            LossFn = lossFn;
        }

        protected override Logs TrainStep(Batch data)
        {
            var realImages = data.X[0];
            var device = realImages.device;
            // Sample random points in the latent space and decode them to fake images.
            var batchSize = (int)realImages.shape[0];
            var randomLatentVectors = Keras.Random.Normal(shape: new Shape(batchSize, LatentDim), seed: SeedGenerator);
            var generatedImages = Generator.Apply(randomLatentVectors);

            // Combine them with real images, labelled 1 (fake) and 0 (real), with noise on the labels.
            var combinedImages = cat([generatedImages, realImages], dim: 0);
            var labels = cat([ones(batchSize, 1, device: device), zeros(batchSize, 1, device: device)], dim: 0);
            labels += 0.05 * Keras.Random.Uniform(labels.shape, seed: SeedGenerator);

            // Train the discriminator.
            ZeroGrad();
            var predictions = Discriminator.Apply(combinedImages);
            var dLoss = LossFn!.Call(labels, predictions);
            dLoss.backward();
            var grads = Discriminator.TrainableWeights.Select(v => v.Value.grad).ToList();
            using (no_grad())
            {
                DOptimizer!.Apply(grads, Discriminator.TrainableWeights);
            }

            // Train the generator on labels that say "all real", without updating the discriminator.
            randomLatentVectors = Keras.Random.Normal(shape: new Shape(batchSize, LatentDim), seed: SeedGenerator);
            var misleadingLabels = zeros(batchSize, 1, device: device);
            ZeroGrad();
            predictions = Discriminator.Apply(Generator.Apply(randomLatentVectors));
            var gLoss = LossFn.Call(misleadingLabels, predictions);
            gLoss.backward();
            grads = Generator.TrainableWeights.Select(v => v.Value.grad).ToList();
            using (no_grad())
            {
                GOptimizer!.Apply(grads, Generator.TrainableWeights);
            }

            DLossTracker.UpdateState(dLoss);
            GLossTracker.UpdateState(gLoss);
            return new Logs(new Dictionary<string, double> { ["d_loss"] = DLossTracker.Result(), ["g_loss"] = GLossTracker.Result() });
        }
    }

    [Fact]
    public void Cell10_Summaries_AreKerassOwn()
    {
        var g = KerasGolden.Case("guide_train_step_gan");
        Keras.Backend.ClearSession();
        Assert.Equal(g.Text("discriminator_summary").TrimEnd('\n'), Discriminator().ToSummaryString(lineLength: 88).TrimEnd('\n'));
        Assert.Equal(g.Text("generator_summary").TrimEnd('\n'), Generator().ToSummaryString(lineLength: 88).TrimEnd('\n'));
    }

    [Fact]
    public void Cell11_12_Gan_TrainsOneEpochAsKeras()
    {
        var g = KerasGolden.Case("guide_train_step_gan");
        var discriminator = Discriminator();
        var generator = Generator();
        GuideArrays.WaveWeights(discriminator);
        GuideArrays.WaveWeights(generator);

        // The guide trains on all 70,000 MNIST digits; MNIST is not in the Keras cache here, so (as the generator) this
        // uses the first 32 Fashion-MNIST images in batches of 16, in order, the way its torch DataLoader yields them.
        var ((xTrain, _), _) = Keras.Datasets.FashionMnist.LoadData();
        var allDigits = (xTrain["0:32"].astype(np.float32) / 255f).reshape(-1, 28, 28, 1);
        var batches = Enumerable.Range(0, 2)
            .Select(b => ((ArrayLike)allDigits[$"{16 * b}:{16 * (b + 1)}"], (ArrayLike?)allDigits[$"{16 * b}:{16 * (b + 1)}"]))
            .ToList();

        var gan = new GAN(discriminator: discriminator, generator: generator, latentDim: LatentDim);
        gan.Compile(
            dOptimizer: new Adam(learningRate: 0.0003),
            gOptimizer: new Adam(learningRate: 0.0003),
            lossFn: new global::DeepKeras.Losses.BinaryCrossentropy(fromLogits: true));
        var history = gan.Fit(batches, epochs: 1, verbose: 0);

        AssertHistory(g.Json("history"), history, "d_loss", "g_loss");
        var generated = generator.Predict(GuideArrays.Wave([2, LatentDim], 5.0), verbose: 0);
        // Two Adam steps through five float32 (transposed) convolutions: multi-threaded oneDNN reductions vary with the
        // CPU and thread count (1.4e-4 with 2 threads on an AMD EPYC host, under 1e-4 with 1 thread).
        KerasGolden.AssertClose(g.Tensor("generated"), tensor(generated.ToArray<float>(), [2, 28, 28, 1]), 5e-4, "generated");
    }

    [Fact]
    public void SeedGenerator_DrawsKerassSequence()
    {
        var g = KerasGolden.Case("guide_seedgen_sequence");
        var seedGenerator = new Keras.Random.SeedGenerator(1337);
        for (var k = 0; k < 3; k++)
        {
            KerasGolden.AssertClose(g.Tensor($"normal_{k}"), Keras.Random.Normal(new Shape(2, 3), seed: seedGenerator), 1e-6, $"normal_{k}");
        }

        KerasGolden.AssertClose(g.Tensor("uniform_3"), Keras.Random.Uniform(new Shape(4), seed: seedGenerator), 1e-6, "uniform_3");
        KerasGolden.AssertClose(g.Tensor("dropout_4"), Keras.Random.Dropout(Keras.Ops.Ones((2, 4)), 0.5, seed: seedGenerator), 1e-6,
            "dropout_4");
    }
}
