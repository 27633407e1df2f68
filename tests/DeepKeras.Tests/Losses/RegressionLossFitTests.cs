using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Losses;

public class RegressionLossFitTests
{
    [Theory]
    [InlineData("huber")]
    [InlineData("log_cosh")]
    [InlineData("mae")]
    public void Fit_LinearTarget_LossDropsAndRmseMatchesMse(string loss)
    {
        // y = x·w + 0.5 on 4 features; a linear model can fit it exactly
        Keras.Utils.SetRandomSeed(3);
        var x = randn(256, 4);
        var y = x.matmul(tensor(new float[] { 1.5f, -2f, 0.5f, 1f }).reshape(4, 1)) + 0.5f;
        var model = new Sequential(new Dense(1, inputShape: 4));
        model.Compile(optimizer: new DeepKeras.Optimizers.Adam(0.05), loss: loss, metrics: ["root_mean_squared_error", "mse"]);
        var history = model.Fit(x, y, epochs: 20, batchSize: 32, verbose: 0);
        Assert.True(history["loss"][^1] < 0.5 * history["loss"][0], $"{loss}: {history["loss"][0]} → {history["loss"][^1]}");
        var logs = model.Evaluate(x, y, verbose: 0);
        TestData.Near(logs["mse"], logs["root_mean_squared_error"] * logs["root_mean_squared_error"], 1e-4, "rmse² vs mse");
    }
}
