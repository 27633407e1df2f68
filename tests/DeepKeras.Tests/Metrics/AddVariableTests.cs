using DeepKeras.Metrics;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Metrics;

/// <summary>Metric.AddVariable (Keras add_variable), Variable.AssignAdd/AssignSub and the default ResetState.</summary>
public sealed class AddVariableTests
{
    /// <summary>The guide's CategoricalTruePositives (writing_your_own_callbacks / training_with_built_in_methods).</summary>
    private sealed class CategoricalTruePositives : Metric
    {
        private readonly Variable _truePositives;

        public CategoricalTruePositives(string name = "categorical_true_positives")
            : base(name) => _truePositives = AddVariable(new Shape(), "zeros", name: "ctp");

        public Variable TruePositives => _truePositives;

        public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
        {
            var values = yPred.argmax(1).reshape(-1, 1).eq(yTrue.reshape(-1, 1).to(int64)).to(float32);
            if (sampleWeight is not null)
            {
                values = values * sampleWeight.reshape(-1, 1);
            }

            _truePositives.AssignAdd(values.sum());
        }

        public override double Result() => _truePositives.Value.item<float>();
    }

    [Fact]
    public void AddVariable_CreatesANamedNonTrainableZeroVariable()
    {
        using var metric = new CategoricalTruePositives();
        var v = Assert.Single(metric.Variables);
        Assert.Same(metric.TruePositives, v);
        Assert.Equal("ctp", v.Name);
        Assert.Equal("categorical_true_positives/ctp", v.Path);
        Assert.Equal("float32", v.DType);
        Assert.Equal("sum", v.Aggregation);
        Assert.False(v.Trainable);
        Assert.Equal(0, v.Shape.Rank);
        Assert.Equal(0.0, metric.Result());
    }

    [Fact]
    public void UpdateState_AccumulatesAcrossDisposeScopes_AndResetStateZeroes()
    {
        using var metric = new CategoricalTruePositives();
        for (var batch = 0; batch < 3; batch++)
        {
            // Each batch in its own scope, as Fit runs it: the state lives in the variable, outside every scope.
            using var scope = NewDisposeScope();
            metric.UpdateState(tensor(new long[] { 0, 1, 1 }), tensor(new float[,] { { 0.9f, 0.1f }, { 0.2f, 0.8f }, { 0.7f, 0.3f } }));
        }

        Assert.Equal(6.0, metric.Result());
        metric.ResetState();
        Assert.Equal(0.0, metric.Result());
    }

    [Fact]
    public void CustomMetric_InFit_CountsEveryBatchOfAnEpoch()
    {
        var (x, y) = TestData.Blobs(n: 100);
        var model = new Sequential(new DeepKeras.Layers.Dense(3, inputShape: 8, activation: "softmax"));
        // A zero learning rate keeps the weights fixed, so the count equals the correct predictions over the data.
        model.Compile(optimizer: new DeepKeras.Optimizers.SGD(0.0), loss: "sparse_categorical_crossentropy", metrics: [new CategoricalTruePositives()]);
        var h = model.Fit(x, y, batchSize: 16, epochs: 2, shuffle: false, verbose: 0);

        var correct = from_array(model.Predict(x).ToArray<float>()).reshape(100, 3).argmax(1).eq(y).sum().item<long>();
        Assert.Equal([(double)correct, correct], h["categorical_true_positives"]);
        var (_, ctp) = model.Evaluate(x, y, batchSize: 16, verbose: 0);
        Assert.Equal((double)correct, ctp);
    }

    private sealed class IntCounter : Metric
    {
        public IntCounter()
            : base("int_counter") => Count = AddWeight(3, "ones", dtype: "int64", aggregation: "none", name: "count");

        public Variable Count { get; }

        public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) => Count.AssignAdd(yPred);

        public override double Result() => Count.Value.sum().item<long>();
    }

    [Fact]
    public void AssignAddAndSub_CastToTheVariableDtypeAndBroadcast()
    {
        using var metric = new IntCounter();
        Assert.Equal("int64", metric.Count.DType);
        Assert.Equal([1L, 1, 1], metric.Count.Value.data<long>().ToArray());
        metric.UpdateState(zeros(1), tensor(new[] { 1.9f, 2f, 3f }));
        Assert.Equal([2L, 3, 4], metric.Count.Value.data<long>().ToArray());
        metric.Count.AssignSub(tensor(1f));
        metric.Count.AssignAdd(10);
        metric.Count.AssignSub(tensor(new long[] { 1, 1, 1 }));
        Assert.Equal([10L, 11, 12], metric.Count.Value.data<long>().ToArray());
        metric.ResetState();
        Assert.Equal([0L, 0, 0], metric.Count.Value.data<long>().ToArray());
    }

    [Fact]
    public void AssignAdd_ShapeThatDoesNotBroadcast_NamesTheVariable()
    {
        using var metric = new IntCounter();
        var e = Assert.Throws<ArgumentException>(() => metric.Count.AssignAdd(ones(4)));
        Assert.Contains("Cannot assign_add a value of shape (4,) to variable 'int_counter/count' of shape (3,)", e.Message);
    }

    private sealed class BadVariable(string? dtype, string aggregation) : Metric("bad")
    {
        public Variable Make() => AddVariable(1, "zeros", dtype, aggregation);

        public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
        {
        }

        public override double Result() => 0;
    }

    [Fact]
    public void AddVariable_BadDtypeOrAggregation_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new BadVariable("float31", "sum").Make());
        Assert.Equal("dtype", e.ParamName);
        Assert.Contains("Invalid dtype: 'float31'", e.Message);
        e = Assert.Throws<ArgumentException>(() => new BadVariable(null, "max").Make());
        Assert.Equal("aggregation", e.ParamName);
        Assert.Contains("metric \"bad\": 'max'. Expected one of none, mean, sum, only_first_replica", e.Message);
    }
}
