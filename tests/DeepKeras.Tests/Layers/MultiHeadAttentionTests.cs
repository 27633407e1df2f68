using DeepKeras.Layers;
using DeepKeras.Regularizers;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers;

/// <summary>MultiHeadAttention behaviour that has no fixed Keras numbers: dropout in training only, regularizers on every projection.</summary>
public sealed class MultiHeadAttentionTests
{
    [Fact]
    public void Dropout_DropsAttentionWeightsOnlyInTraining()
    {
        Keras.Utils.SetRandomSeed(5);
        var mha = new MultiHeadAttention(2, 4, dropout: 0.5, seed: 3);
        var x = randn(3, 6, 8);

        var inference = mha.Apply(x, x);
        var (training, scores) = mha.ApplyWithScores(x, x, training: true);

        KerasGolden.AssertClose(inference, mha.Apply(x, x), 0, "inference is deterministic");
        Assert.True((training - inference).abs().max().item<float>() > 1e-3, "training output should differ from inference");
        KerasGolden.AssertClose(ones(3, 2, 6), scores.sum(-1), 1e-5, "returned scores are the weights before dropout");
    }

    [Fact]
    public void Regularizers_PenalizeEveryProjection()
    {
        var mha = new MultiHeadAttention(2, 3, kernelRegularizer: new L2(0.01), biasRegularizer: new L1(0.1), activityRegularizer: new L2(0.5));
        var x = ones(2, 4, 5);

        mha.Apply(x, x);

        Assert.Equal(8, mha.Weights.Count(w => w.Regularizer is not null));
        Assert.Equal(8 + 4, mha.Losses.Count);
        Assert.Null(mha.ActivityRegularizer);
    }
}
