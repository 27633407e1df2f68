using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;

namespace DeepKeras.Tests.Models;

public class SequentialTests
{
    [Fact]
    public void Fit_SeparableBlobs_AccuracyRisesPast90Percent()
    {
        var (x, y) = TestData.Blobs(n: 600);
        var model = new Sequential(new Dense(16, activation: "relu", inputShape: 8), new Dense(3, activation: "softmax"));
        model.Compile(optimizer: new DeepKeras.Optimizers.Adam(0.01), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var before = model.Evaluate(x, y, verbose: 0)["accuracy"];
        var history = model.Fit(x, y, epochs: 20, batchSize: 32, verbose: 0);
        var after = model.Evaluate(x, y, verbose: 0)["accuracy"];
        Assert.True(history["loss"][^1] < history["loss"][0], "loss should drop");
        Assert.True(after > 0.9, $"accuracy after training {after} (before {before})");
    }

    [Fact]
    public void Layers_DenseWithoutInputSize_SizesItselfFromPreviousLayer()
    {
        var model = new Sequential(new Dense(32, inputShape: 784), new Dense(10), new Dense(20));
        Assert.Equal(25_670, model.CountParams());
        Assert.Equal(new Shape(32, 10), ((Dense)model.Layers[1]).Kernel!.Shape);
    }
}
