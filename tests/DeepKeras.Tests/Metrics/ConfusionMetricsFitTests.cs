using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Metrics;

public class ConfusionMetricsFitTests
{
    [Fact]
    public void Fit_BinaryProblem_ReportsAucPrecisionRecall()
    {
        // label = x·w > 0 on 8 features: a separable binary problem
        Keras.Utils.SetRandomSeed(1);
        var x = randn(400, 8);
        var y = x.matmul(randn(8, 1)).gt(0).to(float32);
        var model = new Sequential(new Dense(8, activation: "relu", inputShape: 8), new Dense(1, activation: "sigmoid"));
        model.Compile(optimizer: new DeepKeras.Optimizers.Adam(0.02), loss: "binary_crossentropy",
            metrics: ["auc", "precision", "recall", "binary_crossentropy"]);
        var history = model.Fit(x, y, epochs: 15, batchSize: 32, verbose: 0);
        var logs = model.Evaluate(x, y, verbose: 0);
        Assert.True(history["loss"][^1] < history["loss"][0], "loss should drop");
        Assert.True(logs["auc"] > 0.95, $"auc {logs["auc"]}");
        Assert.InRange(logs["precision"], 0.85, 1.0);
        Assert.InRange(logs["recall"], 0.85, 1.0);
        // the loss-named metric equals the compiled loss on the same data
        TestData.Near(logs["loss"], logs["binary_crossentropy"], 1e-4, "binary_crossentropy metric vs loss");
    }
}
