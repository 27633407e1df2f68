using DeepKeras.Optimizers;
using DeepKeras.Optimizers.Schedules;
using static DeepKeras.Tests.Optimizers.OptimizerTestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Optimizers;

public class OptimizerTests
{
    [Fact]
    public void Clipnorm_ScalesEachGradientToTheNorm()
    {
        var v = Var(0, 0);
        Step(new SGD(1.0, clipnorm: 1.0), v, [3, 4]);
        // ‖g‖ = 5 > 1 → g·1/5 = [0.6, 0.8]; w = −g
        AssertClose([-0.6, -0.8], v);
    }

    [Fact]
    public void Clipnorm_SmallGradient_Unchanged()
    {
        var v = Var(0, 0);
        Step(new SGD(1.0, clipnorm: 10.0), v, [3, 4]);
        AssertClose([-3, -4], v);
    }

    [Fact]
    public void Clipvalue_ClampsEachElement()
    {
        var v = Var(0, 0, 0);
        Step(new SGD(1.0, clipvalue: 0.5), v, [3, -0.2, -7]);
        AssertClose([-0.5, 0.2, 0.5], v);
    }

    [Fact]
    public void GlobalClipnorm_ScalesAllGradientsByTheGlobalNorm()
    {
        var (a, b) = (Var(0), Var(0));
        new SGD(1.0, globalClipnorm: 1.0).Apply([tensor(new[] { 3.0 }, float64), tensor(new[] { 4.0 }, float64)], [a, b]);
        // global norm √(3² + 4²) = 5 → scale 0.2: steps 0.6 and 0.8
        AssertClose([-0.6], a);
        AssertClose([-0.8], b);

        var (c, d) = (Var(0), Var(0));
        new SGD(1.0, clipnorm: 1.0).Apply([tensor(new[] { 3.0 }, float64), tensor(new[] { 4.0 }, float64)], [c, d]);
        // per-tensor clipping instead: each becomes norm 1
        AssertClose([-1.0], c);
        AssertClose([-1.0], d);
    }

    [Fact]
    public void Constructor_TwoClippingOptions_ThrowsKerasMessage()
    {
        var e = Assert.Throws<ArgumentException>(() => new Adam(clipnorm: 1.0, clipvalue: 0.5));
        Assert.Equal("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm=1, clipvalue=0.5, global_clipnorm=None", e.Message);
        Assert.Throws<ArgumentException>(() => new SGD(clipvalue: 1.0, globalClipnorm: 1.0));
    }

    [Fact]
    public void WeightDecay_AppliedBeforeUpdateWithCurrentLearningRate()
    {
        var v = Var(W0);
        Step(new SGD(0.1, weightDecay: 0.5), v, G1);
        // w·(1 − 0.5·0.1) − 0.1·g
        AssertClose(Map(i => W0[i] * 0.95 - 0.1 * G1[i]), v);
    }

    [Fact]
    public void ExcludeFromWeightDecay_ByName()
    {
        var kernel = new Variable("kernel", "d/kernel", tensor(new[] { 2.0 }, float64), true);
        var bias = new Variable("bias", "d/bias", tensor(new[] { 2.0 }, float64), true);
        var opt = new SGD(0.1, weightDecay: 1.0);
        opt.ExcludeFromWeightDecay(varNames: ["bias"]);
        opt.Apply([zeros(1, dtype: float64), zeros(1, dtype: float64)], [kernel, bias]);
        AssertClose([2.0 * 0.9], kernel);
        AssertClose([2.0], bias);
        Assert.Throws<InvalidOperationException>(() => opt.ExcludeFromWeightDecay(varNames: ["kernel"]));
    }

    [Fact]
    public void Apply_NullGradientsSkipped_AllNullThrows()
    {
        var (a, b) = (Var(1), Var(1));
        var opt = new SGD(0.1);
        opt.Apply([null, tensor(new[] { 1.0 }, float64)], [a, b]);
        AssertClose([1.0], a);
        AssertClose([0.9], b);
        var e = Assert.Throws<ArgumentException>(() => opt.Apply([null, null], [a, b]));
        Assert.StartsWith("No gradients provided for any variable.", e.Message);
        Assert.Equal(1, opt.Iterations);
    }

    [Fact]
    public void LearningRate_SettableBetweenSteps()
    {
        var v = Var(0);
        var opt = new SGD(0.1);
        Step(opt, v, [1]);
        opt.LearningRate = 0.01;
        Step(opt, v, [1]);
        AssertClose([-0.11], v);
        Assert.Throws<ArgumentOutOfRangeException>(() => opt.LearningRate = -1);
        Assert.Equal(1.0, new SGD(1).LearningRate);
    }

    [Fact]
    public void Schedule_DrivesTheLearningRatePerIteration()
    {
        var v = Var(0);
        var opt = new SGD(new PiecewiseConstantDecay([1], [0.1, 0.01]));
        Assert.Equal(0.1, opt.LearningRate);
        Step(opt, v, [1]); // iteration 0 → 0.1
        Step(opt, v, [1]); // iteration 1 ≤ 1 → 0.1
        Assert.Equal(0.01, opt.LearningRate);
        Step(opt, v, [1]); // iteration 2 → 0.01
        AssertClose([-0.21], v);
    }

    [Fact]
    public void Schedule_SettingFloatLearningRate_ThrowsKerasError()
    {
        var opt = new Adam(new ExponentialDecay(0.1, 10, 0.5));
        var e = Assert.Throws<InvalidOperationException>(() => opt.LearningRate = 0.01);
        Assert.StartsWith("This optimizer was created with a `LearningRateSchedule` object", e.Message);
        var config = opt.GetConfig();
        var lr = Assert.IsType<Dictionary<string, object?>>(config["learning_rate"]);
        Assert.Equal("ExponentialDecay", lr["class_name"]);
    }

    [Fact]
    public void Schedule_WithWeightDecay_UsesScheduledRate()
    {
        var v = Var(1);
        var opt = new SGD(new PiecewiseConstantDecay([0], [0.5, 0.1]), weightDecay: 1.0);
        Step(opt, v, [0]); // lr 0.5: w = 1·(1 − 0.5) = 0.5
        Step(opt, v, [0]); // lr 0.1: w = 0.5·0.9 = 0.45
        AssertClose([0.45], v);
    }

    [Fact]
    public void Names_AreUniqueSnakeCase()
    {
        Assert.Matches("^adam(_[0-9]+)?$", new Adam().Name);
        Assert.Matches("^adam_w(_[0-9]+)?$", new AdamW().Name);
        Assert.Equal("mine", new Nadam(name: "mine").Name);
        var a = new Adagrad();
        var b = new Adagrad();
        Assert.NotEqual(a.Name, b.Name);
    }

    [Fact]
    public void Get_ResolvesEveryKerasName()
    {
        Assert.IsType<SGD>(global::DeepKeras.Optimizers.Optimizers.Get("sgd"));
        Assert.IsType<RMSprop>(global::DeepKeras.Optimizers.Optimizers.Get("rmsprop"));
        Assert.IsType<Adam>(global::DeepKeras.Optimizers.Optimizers.Get("adam"));
        var adamw = Assert.IsType<AdamW>(global::DeepKeras.Optimizers.Optimizers.Get("adamw"));
        Assert.Equal(0.004, adamw.WeightDecay);
        Assert.IsType<Adagrad>(global::DeepKeras.Optimizers.Optimizers.Get("adagrad"));
        Assert.IsType<Adadelta>(global::DeepKeras.Optimizers.Optimizers.Get("adadelta"));
        Assert.IsType<Adamax>(global::DeepKeras.Optimizers.Optimizers.Get("adamax"));
        Optimizer fromString = "nadam";
        Assert.IsType<Nadam>(fromString);
        var e = Assert.Throws<ArgumentException>(() => global::DeepKeras.Optimizers.Optimizers.Get("adamx"));
        Assert.Contains("Could not interpret optimizer identifier: 'adamx'", e.Message);
    }

    [Fact]
    public void Compile_WithScheduledOptimizer_TrainsAndAdvancesSchedule()
    {
        Keras.Utils.SetRandomSeed(3);
        var x = randn(64, 2);
        var y = x.sum(1, keepdim: true);
        var model = new DeepKeras.Models.Sequential(new DeepKeras.Layers.Dense(1, inputShape: 2));
        var opt = new SGD(new ExponentialDecay(0.1, decaySteps: 2, decayRate: 0.5, staircase: true));
        model.Compile(optimizer: opt, loss: "mse");
        model.Fit(x, y, batchSize: 16, epochs: 2, verbose: 0);
        // 2 epochs × 4 batches = 8 updates; lr(8) = 0.1·0.5^⌊8/2⌋
        Assert.Equal(8, opt.Iterations);
        Assert.Equal(0.1 * Math.Pow(0.5, 4), opt.LearningRate, 12);
    }
}
