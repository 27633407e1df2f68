using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using static DeepKeras.Tests.TestUtil.Images;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Normalization;

public class BatchNormalizationTests
{
    // Two features over a batch of 4: feature 0 = [1, 2, 3, 4] (mean 2.5, biased var (2.25+0.25+0.25+2.25)/4 = 1.25),
    // feature 1 = [2, 4, 6, 8] (mean 5, biased var (9+1+1+9)/4 = 5).
    private static Tensor Batch() => Of([4, 2], 1, 2, 2, 4, 3, 6, 4, 8);

    [Fact]
    public void TrainingStep_NormalizesWithBatchStats_AndUpdatesMovingStatsWithBiasedVariance()
    {
        var bn = new BatchNormalization();
        var y = bn.Apply(Batch(), training: true);

        // y = (x − mean)/√(var + 1e-3) with gamma 1, beta 0.
        var s0 = Math.Sqrt(1.25 + 1e-3);
        var s1 = Math.Sqrt(5 + 1e-3);
        AssertClose([(float)(-1.5 / s0), (float)(-3 / s1), (float)(-0.5 / s0), (float)(-1 / s1),
            (float)(0.5 / s0), (float)(1 / s1), (float)(1.5 / s0), (float)(3 / s1)], y, 1e-5);

        // moving_mean = 0·0.99 + mean·0.01; moving_variance = 1·0.99 + biased var·0.01 (unbiased would give 1.00666…).
        AssertClose([0.025f, 0.05f], bn.MovingMean!.Value, 1e-6);
        AssertClose([0.99f + 0.0125f, 0.99f + 0.05f], bn.MovingVariance!.Value, 1e-6);
    }

    [Fact]
    public void Inference_UsesTheMovingStatistics()
    {
        var bn = new BatchNormalization();
        bn.Apply(Batch(), training: true);
        var y = bn.Apply(Of([1, 2], 1, 2), training: false);

        // (1 − 0.025)/√(1.0025 + 0.001) and (2 − 0.05)/√(1.04 + 0.001)
        AssertClose([(float)(0.975 / Math.Sqrt(1.0035)), (float)(1.95 / Math.Sqrt(1.041))], y, 1e-5);
        AssertClose([0.025f, 0.05f], bn.MovingMean!.Value, 1e-6); // inference does not move the statistics
    }

    [Fact]
    public void Images_ChannelsLast_StatisticsOverBatchAndPixels()
    {
        // (2, 2, 2, 2): channel 0 = 1..8 (mean 4.5, biased var 42/8 = 5.25, unbiased 6), channel 1 = 3 everywhere.
        var c0 = arange(1, 9, dtype: float32).reshape(2, 2, 2, 1);
        var x = cat([c0, full(2, 2, 2, 1, 3f)], 3);
        var bn = new BatchNormalization(momentum: 0.9);
        var y = bn.Apply(x, training: true);
        AssertClose([0.45f, 0.3f], bn.MovingMean!.Value, 1e-6); // 0.1·4.5, 0.1·3
        AssertClose([0.9f + 0.525f, 0.9f], bn.MovingVariance!.Value, 1e-5); // 0.9 + 0.1·5.25, 0.9 + 0
        Assert.True(y[.., .., .., 1].abs().max().item<float>() < 1e-4); // (3 − 3)/√(0 + ε)
        TestData.Near((1 - 4.5) / Math.Sqrt(5.25 + 1e-3), y[0, 0, 0, 0].item<float>(), 1e-5, "y[0,0,0,0]");
    }

    [Fact]
    public void Fit_UpdatesMovingStatisticsOncePerBatch()
    {
        // One epoch, one batch of 4, SGD with learning rate 0: only the moving statistics change.
        var model = new Sequential(new BatchNormalization(inputShape: 2));
        model.Compile(optimizer: new DeepKeras.Optimizers.SGD(0.0), loss: "mse");
        model.Fit(Batch(), zeros(4, 2), batchSize: 4, epochs: 1, verbose: 0, shuffle: false);
        var bn = (BatchNormalization)model.Layers[0];
        AssertClose([0.025f, 0.05f], bn.MovingMean!.Value, 1e-6);
        AssertClose([1.0025f, 1.04f], bn.MovingVariance!.Value, 1e-6);

        // Predict runs in inference mode with those statistics.
        var p = model.Predict(Of([1, 2], 1, 2), verbose: 0);
        TestData.Near(0.975 / Math.Sqrt(1.0035), p.GetSingle(0, 0), 1e-5, "predict[0]");
    }

    [Fact]
    public void Frozen_RunsInInferenceModeEvenWhenTraining()
    {
        var bn = new BatchNormalization { Trainable = false };
        var y = bn.Apply(Batch(), training: true);
        AssertClose([0f, 0f], bn.MovingMean!.Value);
        AssertClose([1f, 1f], bn.MovingVariance!.Value);
        Assert.True(y.allclose(Batch() / Math.Sqrt(1.001), 1e-5, 1e-5)); // (x − 0)/√(1 + ε)
    }

    [Fact]
    public void Weights_GammaBetaTrainable_MovingStatsNot_ParamsFourTimesChannels()
    {
        var bn = Built(new BatchNormalization(), new Shape(null, 5, 5, 32));
        Assert.Equal(128, bn.CountParams());
        Assert.Equal(new[] { "gamma", "beta" }, bn.TrainableWeights.Select(w => w.Name));
        Assert.Equal(new[] { "moving_mean", "moving_variance" }, bn.NonTrainableWeights.Select(w => w.Name));
        Assert.Equal(64, bn.TrainableWeights.Sum(w => w.Count));
        Assert.Equal(2, Built(new BatchNormalization(center: false, scale: false), new Shape(null, 1)).CountParams());
    }

    [Fact]
    public void GammaAndBeta_ScaleAndShiftTheNormalizedValues()
    {
        var bn = Built(new BatchNormalization(), new Shape(null, 2));
        bn.Gamma!.Assign(Of([2], 2, 3));
        bn.Beta!.Assign(Of([2], 10, 20));
        var y = bn.Apply(Batch(), training: true);
        TestData.Near(2 * (-1.5 / Math.Sqrt(1.251)) + 10, y[0, 0].item<float>(), 1e-5, "y[0,0]");
        TestData.Near(3 * (3 / Math.Sqrt(5.001)) + 20, y[3, 1].item<float>(), 1e-5, "y[3,1]");
    }

    [Fact]
    public void Mask_StatisticsUseOnlyUnmaskedSteps()
    {
        // Sequence (1, 3, 1) = [1, 2, 100] with step 2 masked: mean 1.5, biased var 0.25.
        var bn = new BatchNormalization();
        var x = Of([1, 3, 1], 1, 2, 100);
        var mask = tensor(new[] { true, true, false }).reshape(1, 3);
        var (outputs, outMask) = bn.Invoke([x], mask, true);
        AssertClose([0.015f], bn.MovingMean!.Value, 1e-6);
        AssertClose([0.9925f], bn.MovingVariance!.Value, 1e-6);
        TestData.Near(-0.5 / Math.Sqrt(0.251), outputs[0][0, 0, 0].item<float>(), 1e-4, "y[0]");
        Assert.NotNull(outMask);
    }

    [Fact]
    public void Axis1_ChannelsFirst_MatchesChannelsLast()
    {
        var x = randn(4, 3, 3, 2) * 3 + 1;
        var last = new BatchNormalization();
        var first = new BatchNormalization(axis: 1);
        var yLast = last.Apply(x, training: true);
        var yFirst = first.Apply(x.permute(0, 3, 1, 2).contiguous(), training: true);
        Assert.True(yFirst.permute(0, 2, 3, 1).allclose(yLast, 1e-5, 1e-5));
        Assert.True(first.MovingVariance!.Value.allclose(last.MovingVariance!.Value, 1e-6, 1e-6));
    }

    [Fact]
    public void InvalidArguments_AreRejectedWithTheirNames()
    {
        Assert.Contains("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNormalization(momentum: 1.5)).Message);
        Assert.Contains("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNormalization(epsilon: 0)).Message);
        Assert.Contains("axis", Assert.Throws<ArgumentException>(() => new BatchNormalization(axis: 3).Apply(zeros(2, 4))).Message);
    }
}
