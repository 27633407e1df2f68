using DeepKeras.Tests.TestUtil;
using static DeepKeras.Keras.Random;
using static TorchSharp.torch;

namespace DeepKeras.Tests.KerasRandom;

/// <summary>Distributions, shapes, dtypes and argument errors of Keras.Random.</summary>
public sealed class RandomTests
{
    [Fact]
    public void Normal_HasTheGivenMeanAndStddev()
    {
        var x = Normal(200_000, mean: 2.0, stddev: 0.5, seed: 1);
        Assert.Equal("float32", Keras.Ops.Dtype(x));
        // Standard errors: 0.5/√n ≈ 0.0011 for the mean, ≈ 0.0008 for the std.
        TestData.Near(2.0, x.mean().item<float>(), 0.006, "mean");
        TestData.Near(0.5, x.std().item<float>(), 0.004, "std");
    }

    [Fact]
    public void Uniform_StaysInItsRange_WithTheRightMean()
    {
        var x = Uniform((400, 500), minval: -2.0, maxval: 3.0, seed: 2);
        Assert.Equal([400L, 500L], x.shape);
        Assert.True(x.min().item<float>() >= -2f && x.max().item<float>() < 3f);
        TestData.Near(0.5, x.mean().item<float>(), 0.02, "mean");
    }

    [Fact]
    public void TruncatedNormal_StaysWithinTwoStddevs()
    {
        var x = TruncatedNormal(100_000, mean: 1.0, stddev: 2.0, seed: 3);
        Assert.True(x.min().item<float>() > -3f && x.max().item<float>() < 5f);
        // A standard normal truncated to (−2, 2) has std ≈ 0.880; here it is scaled by 2.
        TestData.Near(1.0, x.mean().item<float>(), 0.03, "mean");
        TestData.Near(1.76, x.std().item<float>(), 0.03, "std");
    }

    [Fact]
    public void Randint_CoversItsRangeOnly()
    {
        var x = Randint(10_000, -3, 4, seed: 4);
        Assert.Equal("int32", Keras.Ops.Dtype(x));
        Assert.Equal(Enumerable.Range(-3, 7).ToArray(), x.unique().Item1.data<int>().ToArray());
    }

    [Fact]
    public void Categorical_FollowsTheSoftmaxOfTheLogits()
    {
        var logits = tensor(new[,] { { 0f, (float)Math.Log(3) } });
        var ids = Categorical(logits, 20_000, seed: 5);
        Assert.Equal([1L, 20_000L], ids.shape);
        Assert.Equal("int32", Keras.Ops.Dtype(ids));
        TestData.Near(0.75, ids.to(float32).mean().item<float>(), 0.015, "share of class 1");
    }

    [Fact]
    public void Dropout_DropsTheRateAndScalesTheRest()
    {
        var y = Dropout(ones(100_000), 0.3, seed: 6);
        var kept = y.ne(0);
        TestData.Near(0.7, kept.to(float32).mean().item<float>(), 0.01, "kept share");
        Assert.True(y.masked_select(kept).eq(1 / 0.7f).all().item<bool>());
    }

    [Fact]
    public void Dropout_NoiseShape_SharesOneDecisionAlongSizeOneAxes()
    {
        var y = Dropout(ones(50, 8), 0.5, noiseShape: (1, 8), seed: 7);
        Assert.True(y.eq(y[0]).all().item<bool>());
    }

    [Fact]
    public void Dropout_RateZero_ReturnsTheInput()
    {
        var x = randn(3, 3);
        Assert.Same(x, Dropout(x, 0.0));
    }

    [Fact]
    public void Shuffle_PermutesRowsAndKeepsThemWhole()
    {
        var x = Keras.Ops.Reshape(Keras.Ops.Arange(40), 10, 4);
        var y = Shuffle(x, seed: 8);
        Assert.False(TestData.Same(y, x));
        Assert.True(TestData.Same(y.sort(0).Values, x));
        Assert.True((y[.., 1] - y[.., 0]).eq(1).all().item<bool>());
    }

    [Fact]
    public void Uniform_IntegerDtype_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Uniform(3, dtype: "int32"));
        Assert.Contains("Random.Uniform requires a floating point `dtype`. Received: dtype=int32", e.Message);
    }

    [Fact]
    public void Randint_EmptyRange_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Randint(3, 5, 5));
        Assert.Contains("minval < maxval. Received: minval=5, maxval=5", e.Message);
    }

    [Fact]
    public void Categorical_OneDimensionalLogits_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Categorical(zeros(3), 2));
        Assert.Contains("2-D tensor of shape (batch_size, num_classes). Received: shape (3,)", e.Message);
    }

    [Fact]
    public void Dropout_BadRateOrNoiseShape_Throws()
    {
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => Dropout(ones(3), 1.5));
        Assert.Contains("between 0 and 1. Received: rate=1.5", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Dropout(ones(4, 3), 0.5, noiseShape: (4, 2)));
        Assert.Contains("noiseShape (4, 2) does not broadcast to the input shape (4, 3)", e2.Message);
    }

    [Fact]
    public void Normal_UnknownSize_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Normal(new Shape(null, 3)));
        Assert.Contains("Random.Normal: every size of the shape must be known. Received: shape=(None, 3)", e.Message);
    }
}
