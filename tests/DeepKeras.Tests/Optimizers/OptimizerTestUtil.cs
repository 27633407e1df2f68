using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Optimizers;

/// <summary>Helpers for optimizer tests: float64 variables (so the hand arithmetic is compared exactly) and a small regression.</summary>
internal static class OptimizerTestUtil
{
    public static readonly double[] W0 = [1.0, -2.0, 3.0];
    public static readonly double[] G1 = [0.5, -1.0, 2.0];
    public static readonly double[] G2 = [-0.3, 0.2, 1.0];

    public static Variable Var(params double[] values) => new("w", "test/w", tensor(values, float64), trainable: true);

    public static void Step(Optimizer optimizer, Variable v, double[] gradient) =>
        optimizer.Apply([tensor(gradient, float64)], [v]);

    public static double[] Values(Variable v) => v.Value.detach().cpu().data<double>().ToArray();

    public static void AssertClose(double[] expected, Variable v, double tol = 1e-6)
    {
        var actual = Values(v);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    /// <summary>Applies a scalar function to each element: the hand computation of one update rule.</summary>
    public static double[] Map(Func<int, double> f, int n = 3) => Enumerable.Range(0, n).Select(f).ToArray();

    /// <summary>Fits y = x·[1, −2, 0.5, 3] + 0.7 (256 samples, generated) with a Dense(1) and returns the final MSE.</summary>
    public static double TrainRegression(Optimizer optimizer, int epochs = 30, int batchSize = 32)
    {
        Keras.Utils.SetRandomSeed(1);
        var x = randn(256, 4);
        var y = x.matmul(tensor(new float[] { 1f, -2f, 0.5f, 3f }).reshape(4, 1)) + 0.7f;
        var model = new Sequential(new Dense(1, inputShape: 4));
        model.Compile(optimizer: optimizer, loss: "mse");
        var before = model.Evaluate(x, y, verbose: 0).Loss;
        model.Fit(x, y, batchSize: batchSize, epochs: epochs, verbose: 0);
        var after = model.Evaluate(x, y, verbose: 0).Loss;
        Assert.True(after < before, $"loss should drop: {before} -> {after}");
        return after;
    }
}
