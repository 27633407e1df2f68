using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Metrics;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Engine;

/// <summary>Layers and metrics held by fields and properties are tracked as Keras tracks attributes.</summary>
public sealed class AttributeTrackingTests
{
    private class Base(string name) : Layer(name)
    {
        private readonly Dense _first = new(2, name: $"{name}_first");

        public Dense Second { get; } = new(2, name: $"{name}_second");

        protected Dense First => _first;

        protected override Tensor Call(Tensor inputs, bool training) => Second.Apply(_first.Apply(inputs, training), training);
    }

    private sealed class Derived(string name) : Base(name)
    {
        private readonly Dense[] _array = [new(2, name: $"{name}_a0"), new(2, name: $"{name}_a1")];
        private readonly List<Layer> _list = [new Dense(2, name: $"{name}_l0")];
        private readonly IReadOnlyDictionary<string, Dense> _dict = new Dictionary<string, Dense> { ["k"] = new(2, name: $"{name}_d0") };
        private readonly string _notALayer = "text";

        public int Extra => _notALayer.Length;

        protected override Tensor Call(Tensor inputs, bool training)
        {
            var x = base.Call(inputs, training);
            foreach (var l in _array.Concat(_list).Append(_dict["k"]))
            {
                x = l.Apply(x, training);
            }

            return x;
        }
    }

    [Fact]
    public void FieldsPropertiesArraysListsAndDictionaries_AreTrackedBaseClassFirstInDeclarationOrder()
    {
        var layer = new Derived("t");
        Assert.Equal(["t_first", "t_second", "t_a0", "t_a1", "t_l0", "t_d0"], layer.Sublayers.Select(l => l.Name));
        layer.Apply(ones(3, 4));
        Assert.Equal(12, layer.Weights.Count);
        Assert.Equal(4 * 2 + 2 + 5 * (2 * 2 + 2), layer.CountParams());
        Assert.Equal("t/t_first/kernel", layer.Weights[0].Path);
    }

    private sealed class BuildsInBuild(string name) : Layer(name)
    {
        private Dense? _inner;

        public override void Build(Shape inputShape) => _inner = new Dense(3, name: $"{Name}_inner");

        protected override Tensor Call(Tensor inputs, bool training) => _inner!.Apply(inputs, training);
    }

    [Fact]
    public void LayerAssignedInBuild_IsTrackedAfterTheFirstCall()
    {
        var layer = new BuildsInBuild("lazy");
        Assert.Empty(layer.Sublayers);
        layer.Apply(ones(2, 5));
        Assert.Equal(["lazy_inner"], layer.Sublayers.Select(l => l.Name));
        Assert.Equal(5 * 3 + 3, layer.CountParams());
        Assert.Equal(["lazy/lazy_inner/kernel", "lazy/lazy_inner/bias"], layer.Weights.Select(w => w.Path));
    }

    private sealed class TwoDense(string name) : Layer(name)
    {
        private readonly Dense _hidden = new(8, activation: "relu");
        private readonly Dense _out = new(1);

        public Dense Hidden => _hidden;

        protected override Tensor Call(Tensor inputs, bool training) => _out.Apply(_hidden.Apply(inputs, training), training);
    }

    [Fact]
    public void CustomLayerInFunctionalModel_IsCountedTrainedAndFrozen()
    {
        Keras.Utils.SetRandomSeed(3);
        var input = Keras.Input(shape: 4);
        var block = new TwoDense("two_dense");
        var model = Keras.Model(input, block.Apply(input));
        Assert.Equal(4 * 8 + 8 + 8 + 1, model.CountParams());
        Assert.Equal(4, model.TrainableWeights.Count);

        model.Compile(optimizer: new DeepKeras.Optimizers.SGD(0.1), loss: "mse");
        var before = block.Hidden.Weights[0].Numpy().ToArray<float>();
        var x = randn(32, 4);
        model.Fit(x, x.sum(1, keepdim: true), epochs: 2, verbose: 0);
        Assert.NotEqual(before, block.Hidden.Weights[0].Numpy().ToArray<float>());

        block.Trainable = false;
        Assert.False(block.Hidden.Trainable);
        Assert.Empty(model.TrainableWeights);
        Assert.Equal(4, model.NonTrainableWeights.Count);
    }

    private sealed class Parent : Layer
    {
        private readonly Child _child;

        public Parent()
            : base("parent") => _child = new Child(this);

        public Child TheChild => _child;

        protected override Tensor Call(Tensor inputs, bool training) => _child.Apply(inputs, training);
    }

    private sealed class Child(Parent parent) : Layer("child")
    {
        private readonly Parent _parent = parent;
        private readonly Dense _dense = new(2, name: "child_dense");

        public Parent Owner => _parent;

        protected override Tensor Call(Tensor inputs, bool training) => _dense.Apply(inputs, training);
    }

    [Fact]
    public void BackReferenceToTheParent_IsNotASublayer()
    {
        var parent = new Parent();
        Assert.Equal(["child"], parent.Sublayers.Select(l => l.Name));
        Assert.Equal(["child_dense"], parent.TheChild.Sublayers.Select(l => l.Name));
        Assert.Same(parent, parent.TheChild.Owner);
        parent.Apply(ones(1, 3));
        Assert.Equal(2, parent.Weights.Count);
    }

    private sealed class Holder(Dense shared) : Layer("holder")
    {
        [NotTracked]
        private readonly Dense _shared = shared;

        private readonly Dense _own = new(2, name: "holder_own");

        protected override Tensor Call(Tensor inputs, bool training) => _own.Apply(_shared.Apply(inputs, training), training);
    }

    [Fact]
    public void NotTracked_KeepsALayerOutOfWeightsAndDisposal()
    {
        var shared = new Dense(3, name: "shared");
        var holder = new Holder(shared);
        holder.Apply(ones(2, 4));
        Assert.Equal(["holder_own"], holder.Sublayers.Select(l => l.Name));
        Assert.Equal(2, holder.Weights.Count);

        holder.Dispose();
        Assert.False(shared.IsDisposed);
        Assert.Equal([2, 3], shared.Apply(ones(2, 4)).shape);
    }

    private sealed class SameTwice(Dense d, string name) : Layer(name)
    {
        private readonly Dense _a = d;
        private readonly Dense _b = d;

        protected override Tensor Call(Tensor inputs, bool training) => _b.Apply(_a.Apply(inputs, training), training);
    }

    [Fact]
    public void OneLayerInTwoFields_IsTrackedOnce()
    {
        var layer = new SameTwice(new Dense(4, name: "twice"), "same_twice");
        layer.Apply(ones(1, 4));
        Assert.Single(layer.Sublayers);
        Assert.Equal(2, layer.Weights.Count);
    }

    /// <summary>Counts the batches it saw since the last reset (state in a variable).</summary>
    private sealed class BatchCounter : Metric
    {
        private readonly Variable _count;

        public BatchCounter()
            : base("batches") => _count = AddVariable(new Shape(), "zeros", name: "count");

        public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) => _count.AssignAdd(1);

        public override double Result() => _count.Value.item<float>();
    }

    private sealed class TrackedMetricModel : Model
    {
        private readonly Dense _dense = new(1);
        private readonly BatchCounter _counter = new();

        public TrackedMetricModel()
            : base("tracked_metric_model")
        {
        }

        protected override Tensor Call(Tensor inputs, bool training)
        {
            var y = _dense.Apply(inputs, training);
            if (training)
            {
                _counter.UpdateState(y, y);
            }

            return y;
        }
    }

    [Fact]
    public void MetricInAModelField_IsReportedAfterCompiledMetricsAndResetEachEpoch()
    {
        var model = new TrackedMetricModel();
        model.Compile(optimizer: "sgd", loss: "mse", metrics: ["mae"]);
        Assert.Equal(["loss", "mae", "batches"], model.Metrics.Select(m => m.Name));

        var x = randn(40, 3);
        var h = model.Fit(x, x.sum(1, keepdim: true), batchSize: 10, epochs: 3, verbose: 0);
        // 4 batches per epoch, counted from zero again at each epoch.
        Assert.Equal([4.0, 4.0, 4.0], h["batches"]);
    }

    [Fact]
    public void MetricOfALayerInsideAModel_IsReported()
    {
        var input = Keras.Input(shape: 5, name: "input_layer");
        var model = Keras.Model(input, new TrackingPorts.Block("metric_block").Apply(input));
        model.Compile(optimizer: "sgd", loss: "mse");
        Assert.Equal(["loss", "block_mean"], model.Metrics.Select(m => m.Name));
        var h = model.Fit(randn(16, 5), randn(16, 2), batchSize: 8, verbose: 0);
        Assert.Equal(["block_mean", "loss"], h.HistoryData.Keys.Order());
        Assert.True(double.IsFinite(h["block_mean"][0]));
    }
}
