using DeepKeras.Layers;

namespace DeepKeras.Tests.Models;

/// <summary>
/// A functional model lists its layers as Keras's <c>model.layers</c> does (by depth from the outputs, deepest first),
/// so <c>Weights</c> and <c>GetWeights()</c> line up with Keras's <c>model.weights</c> and <c>get_weights()</c>.
/// </summary>
public sealed class FunctionalLayerOrderTests
{
    [Fact]
    public void TwoBranches_LayersAndWeights_FollowKerasOrder()
    {
        // Keras 3.15.1 lists b, a, dense_b, dense_a, concat, out (by depth); the execution order would interleave the branches.
        var a = Keras.Input(shape: 3, name: "a");
        var b = Keras.Input(shape: 3, name: "b");
        var da = Keras.Layers.Dense(2, name: "dense_a").Apply(a);
        var db = Keras.Layers.Dense(4, name: "dense_b").Apply(b);
        var merged = Keras.Layers.Concatenate(name: "concat").Apply(db, da);
        var model = Keras.Model([a, b], [Keras.Layers.Dense(1, name: "out").Apply(merged)]);

        Assert.Equal(["b", "a", "dense_b", "dense_a", "concat", "out"], model.Layers.Select(l => l.Name));
        Assert.Equal(["dense_b/kernel", "dense_b/bias", "dense_a/kernel", "dense_a/bias", "out/kernel", "out/bias"],
            model.Weights.Select(w => w.Path));
        Assert.Equal([new long[] { 3, 4 }, [4], [3, 2], [2], [6, 1], [1]], model.GetWeights().Select(w => w.shape.Select(d => (long)d).ToArray()));
    }
}
