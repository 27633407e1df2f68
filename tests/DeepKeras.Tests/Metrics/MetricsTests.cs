using DeepKeras.Metrics;

namespace DeepKeras.Tests.Metrics;

public class MetricsTests
{
    public static TheoryData<string, Type> Identifiers => new()
    {
        { "binary_accuracy", typeof(BinaryAccuracy) }, { "categorical_accuracy", typeof(CategoricalAccuracy) },
        { "sparse_categorical_accuracy", typeof(SparseCategoricalAccuracy) },
        { "top_k_categorical_accuracy", typeof(TopKCategoricalAccuracy) }, { "TopKCategoricalAccuracy", typeof(TopKCategoricalAccuracy) },
        { "sparse_top_k_categorical_accuracy", typeof(SparseTopKCategoricalAccuracy) },
        { "mse", typeof(MeanSquaredError) }, { "mean_squared_error", typeof(MeanSquaredError) },
        { "root_mean_squared_error", typeof(RootMeanSquaredError) }, { "RootMeanSquaredError", typeof(RootMeanSquaredError) },
        { "mae", typeof(MeanAbsoluteError) }, { "mape", typeof(MeanAbsolutePercentageError) }, { "msle", typeof(MeanSquaredLogarithmicError) },
        { "cosine_similarity", typeof(CosineSimilarity) }, { "log_cosh_error", typeof(LogCoshError) }, { "logcosh", typeof(LogCoshError) },
        { "precision", typeof(Precision) }, { "Precision", typeof(Precision) }, { "recall", typeof(Recall) },
        { "auc", typeof(AUC) }, { "AUC", typeof(AUC) },
        { "hinge", typeof(Hinge) }, { "squared_hinge", typeof(SquaredHinge) }, { "categorical_hinge", typeof(CategoricalHinge) },
        { "kl_divergence", typeof(KLDivergence) }, { "kld", typeof(KLDivergence) }, { "poisson", typeof(Poisson) },
        { "binary_crossentropy", typeof(BinaryCrossentropy) }, { "bce", typeof(BinaryCrossentropy) },
        { "categorical_crossentropy", typeof(CategoricalCrossentropy) },
        { "sparse_categorical_crossentropy", typeof(SparseCategoricalCrossentropy) },
        { "binary_focal_crossentropy", typeof(MeanMetricWrapper) }, { "huber", typeof(MeanMetricWrapper) },
    };

    [Theory]
    [MemberData(nameof(Identifiers))]
    public void Get_KerasIdentifier_ResolvesAndKeepsTheGivenName(string identifier, Type expected)
    {
        Metric metric = identifier;
        Assert.IsType(expected, metric);
        Assert.Equal(identifier, metric.Name);
    }

    [Theory]
    [InlineData("accuracy")]
    [InlineData("acc")]
    public void Get_Accuracy_IsResolvedFromTheData(string identifier)
    {
        Metric metric = identifier;
        Assert.Equal("AutoAccuracy", metric.GetType().Name);
    }

    [Fact]
    public void Get_CapitalizedAccuracy_IsTheAccuracyClass_AsInKeras()
    {
        // Keras 3.15: compile(metrics=["Accuracy"]) logs "Accuracy" from keras.metrics.Accuracy (exact-match equality).
        Metric metric = "Accuracy";
        Assert.IsType<Accuracy>(metric);
        Assert.Equal("Accuracy", metric.Name);
    }

    [Fact]
    public void Get_EveryRegisteredName_Resolves()
    {
        foreach (var name in DeepKeras.Metrics.Metrics.Names)
        {
            Assert.Equal(name, DeepKeras.Metrics.Metrics.Get(name).Name);
        }
    }

    [Fact]
    public void Get_UnknownName_ListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => DeepKeras.Metrics.Metrics.Get("auroc"));
        Assert.Contains("Could not interpret metric identifier: 'auroc'", e.Message);
        foreach (var known in new[] { "accuracy", "auc", "precision", "recall", "top_k_categorical_accuracy", "root_mean_squared_error" })
        {
            Assert.Contains(known, e.Message);
        }
    }
}
