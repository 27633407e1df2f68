using DeepKeras.Losses;
using DeepKeras.Tests.TestUtil;

namespace DeepKeras.Tests.Losses;

public class LossesTests
{
    public static TheoryData<string, Type> Identifiers => new()
    {
        { "mean_squared_error", typeof(MeanSquaredError) }, { "mse", typeof(MeanSquaredError) }, { "MSE", typeof(MeanSquaredError) },
        { "MeanSquaredError", typeof(MeanSquaredError) },
        { "mean_absolute_error", typeof(MeanAbsoluteError) }, { "mae", typeof(MeanAbsoluteError) }, { "MeanAbsoluteError", typeof(MeanAbsoluteError) },
        { "mean_absolute_percentage_error", typeof(MeanAbsolutePercentageError) }, { "mape", typeof(MeanAbsolutePercentageError) },
        { "mean_squared_logarithmic_error", typeof(MeanSquaredLogarithmicError) }, { "msle", typeof(MeanSquaredLogarithmicError) },
        { "kl_divergence", typeof(KLDivergence) }, { "kld", typeof(KLDivergence) }, { "kullback_leibler_divergence", typeof(KLDivergence) },
        { "KLDivergence", typeof(KLDivergence) },
        { "poisson", typeof(Poisson) }, { "Poisson", typeof(Poisson) },
        { "log_cosh", typeof(LogCosh) }, { "logcosh", typeof(LogCosh) }, { "LogCosh", typeof(LogCosh) },
        { "cosine_similarity", typeof(CosineSimilarity) }, { "CosineSimilarity", typeof(CosineSimilarity) },
        { "huber", typeof(Huber) }, { "Huber", typeof(Huber) },
        { "ctc", typeof(CTC) }, { "CTC", typeof(CTC) },
        { "binary_crossentropy", typeof(BinaryCrossentropy) }, { "bce", typeof(BinaryCrossentropy) }, { "BinaryCrossentropy", typeof(BinaryCrossentropy) },
        { "binary_focal_crossentropy", typeof(BinaryFocalCrossentropy) }, { "BinaryFocalCrossentropy", typeof(BinaryFocalCrossentropy) },
        { "categorical_crossentropy", typeof(CategoricalCrossentropy) }, { "CategoricalCrossentropy", typeof(CategoricalCrossentropy) },
        { "sparse_categorical_crossentropy", typeof(SparseCategoricalCrossentropy) },
        { "SparseCategoricalCrossentropy", typeof(SparseCategoricalCrossentropy) },
        { "hinge", typeof(Hinge) }, { "Hinge", typeof(Hinge) },
        { "squared_hinge", typeof(SquaredHinge) }, { "SquaredHinge", typeof(SquaredHinge) },
        { "categorical_hinge", typeof(CategoricalHinge) }, { "CategoricalHinge", typeof(CategoricalHinge) },
    };

    [Theory]
    [MemberData(nameof(Identifiers))]
    public void Get_KerasIdentifier_ResolvesToItsClass(string identifier, Type expected)
    {
        Loss loss = identifier;
        Assert.IsType(expected, loss);
    }

    [Fact]
    public void Get_EveryRegisteredName_Resolves()
    {
        foreach (var name in DeepKeras.Losses.Losses.Names)
        {
            Assert.NotNull(DeepKeras.Losses.Losses.Get(name));
        }
    }

    [Fact]
    public void Get_Crossentropy_PicksTheVariantFromTheData()
    {
        Loss loss = "crossentropy";
        using var _ = TorchSharp.torch.NewDisposeScope();
        var p = TorchSharp.torch.tensor(new float[] { 0.2f, 0.8f, 0.6f, 0.4f }).reshape(2, 2);
        // integer labels → sparse: (-log 0.8 - log 0.6)/2
        TestData.Near((-Math.Log(0.8) - Math.Log(0.6)) / 2, loss.Call(TorchSharp.torch.tensor(new long[] { 1, 0 }), p).item<float>());
        // one-hot → categorical, same value
        var oneHot = TorchSharp.torch.tensor(new float[] { 0, 1, 1, 0 }).reshape(2, 2);
        TestData.Near((-Math.Log(0.8) - Math.Log(0.6)) / 2, loss.Call(oneHot, p).item<float>());
    }

    [Fact]
    public void Get_UnknownName_ListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => DeepKeras.Losses.Losses.Get("mean_sqared_error"));
        Assert.Contains("Could not interpret loss identifier: 'mean_sqared_error'", e.Message);
        foreach (var known in new[] { "mse", "huber", "poisson", "hinge", "ctc", "binary_focal_crossentropy", "log_cosh" })
        {
            Assert.Contains(known, e.Message);
        }
    }
}
