using DeepKeras.Layers;
using DeepKeras.Metrics;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Backend;

/// <summary>Dispose on Variable, Layer, Model, Optimizer and Metric: native memory has an owner.</summary>
public sealed class DisposeTests
{
    private sealed class Block : Layer
    {
        private readonly Dense _inner = new(3, name: "block_inner");

        public Block()
            : base("block")
        {
        }

        public Dense Inner => _inner;

        protected override Tensor Call(Tensor inputs, bool training) => _inner.Apply(inputs, training);
    }

    private static Sequential Trained(out Tensor x)
    {
        Keras.Utils.SetRandomSeed(5);
        var model = new Sequential(new Dense(4, inputShape: 3, activation: "relu"), new Block(), new Dense(1));
        model.Compile(optimizer: new Adam(), loss: "mse", metrics: ["mae"]);
        x = randn(16, 3);
        model.Fit(x, x.sum(1, keepdim: true), batchSize: 8, verbose: 0);
        return model;
    }

    [Fact]
    public void Variable_DisposeTwiceIsHarmless_UseAfterwardsNamesIt()
    {
        var layer = new Dense(2, name: "dv");
        layer.Build(new Shape(null, 3));
        var kernel = layer.Weights[0];
        kernel.Dispose();
        kernel.Dispose();
        Assert.True(kernel.IsDisposed);
        var e = Assert.Throws<ObjectDisposedException>(() => kernel.Value);
        Assert.Contains("Variable 'dv/kernel' has been disposed", e.Message);
        Assert.Equal("<Variable path=dv/kernel, disposed>", kernel.ToString());
    }

    [Fact]
    public void Model_Dispose_FreesWeightsOfEveryLayerOptimizerSlotsAndMetrics()
    {
        var model = Trained(out var x);
        var weights = model.Weights.ToList();
        var block = (Block)model.Layers[1];
        var optimizer = model.Optimizer!;
        var metrics = model.Metrics.ToList();
        Assert.True(optimizer.Built);

        model.Dispose();
        model.Dispose();

        Assert.True(model.IsDisposed);
        Assert.All(model.Layers, l => Assert.True(l.IsDisposed));
        Assert.True(block.Inner.IsDisposed);
        Assert.All(weights, w => Assert.True(w.IsDisposed));
        Assert.Equal(6, weights.Count);
        Assert.True(optimizer.IsDisposed);
        Assert.False(optimizer.Built);
        Assert.All(metrics, m => Assert.True(m.IsDisposed));

        var e = Assert.Throws<ObjectDisposedException>(() => model.Predict(x));
        Assert.Contains("Layer \"sequential", e.Message);
        Assert.Contains("(Sequential) has been disposed", e.Message);
        e = Assert.Throws<ObjectDisposedException>(() => block.Apply(x.narrow(1, 0, 1).expand(16, 4)));
        Assert.Contains("Layer \"block\" (Block) has been disposed", e.Message);
        Assert.Throws<ObjectDisposedException>(() => model.Fit(x, x, verbose: 0));
    }

    [Fact]
    public void Optimizer_Dispose_FreesSlots_ApplyAfterwardsNamesIt()
    {
        var layer = new Dense(2, name: "od");
        layer.Build(new Shape(null, 3));
        var optimizer = new Adam(name: "adam_disposed");
        var grads = layer.Weights.Select(w => (Tensor?)ones_like(w.Value)).ToList();
        optimizer.Apply(grads, layer.Weights);
        var slots = optimizer.AllSlots.SelectMany(s => s.Slots).ToList();
        Assert.Equal(4, slots.Count);

        optimizer.Dispose();
        Assert.All(slots, s => Assert.True(s.IsInvalid));
        var e = Assert.Throws<ObjectDisposedException>(() => optimizer.Apply(grads, layer.Weights));
        Assert.Contains("Optimizer \"adam_disposed\" (Adam) has been disposed", e.Message);
        optimizer.Dispose();
    }

    [Fact]
    public void Metric_Dispose_FreesState_UpdateAfterwardsNamesIt()
    {
        var mean = new Mean("m");
        mean.UpdateState(tensor(new[] { 1f, 3f }));
        Assert.Equal(2.0, mean.Result());
        mean.Dispose();
        Assert.Equal(0.0, mean.Result());
        var e = Assert.Throws<ObjectDisposedException>(() => mean.UpdateState(tensor(1f)));
        Assert.Contains("Metric \"m\" (Mean) has been disposed", e.Message);

        var mae = DeepKeras.Metrics.Metrics.Get("mae");
        mae.Dispose();
        Assert.Throws<ObjectDisposedException>(() => mae.UpdateState(zeros(2), zeros(2)));
    }

    [Fact]
    public void BuildFitDispose_LeavesNoLiveTensors()
    {
        var x = randn(16, 3);
        var y = x.sum(1, keepdim: true);
        var stats = TorchSharp.DisposeScopeManager.Statistics;
        stats.Reset();
        for (var i = 0; i < 5; i++)
        {
            using var model = new Sequential(new Dense(8, inputShape: 3, activation: "relu"), new Dense(1));
            model.Compile(optimizer: new Adam(), loss: "mse", metrics: ["mae"]);
            model.Fit(x, y, batchSize: 8, verbose: 0);
        }

        // Weights (4 per model), Adam's slots (8) and metric state would stay alive until finalizers ran.
        Assert.True(stats.ThreadTotalLiveCount <= 2, $"live tensors after disposing 5 trained models: {stats.ThreadTotalLiveCount}");
    }

    [Fact]
    public void SharedLayer_IsDisposedWithTheFirstModel()
    {
        var shared = new Dense(2, name: "shared_dense");
        var input = Keras.Input(shape: 3);
        var a = Keras.Model(input, shared.Apply(input));
        var b = Keras.Model(input, new Dense(1).Apply(shared.Apply(input)));
        a.Dispose();
        Assert.True(shared.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => b.Predict(randn(2, 3)));
    }
}
