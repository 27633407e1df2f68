using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Regularizers;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Regularizers;

public class LayerRegularizationTests
{
    private static (Tensor X, Tensor Y) Data()
    {
        Keras.Utils.SetRandomSeed(11);
        var x = randn(32, 3);
        return (x, x.matmul(tensor(new[] { 1f, -1f, 2f }).reshape(3, 1)));
    }

    private static double SumSquares(Variable v) => v.Value.detach().square().sum().item<float>();

    [Fact]
    public void Dense_KernelAndBiasRegularizers_AppearInLosses()
    {
        var layer = new Dense(2, kernelRegularizer: new L2(0.1), biasRegularizer: new L1(0.5), biasInitializer: "ones");
        layer.Apply(ones(4, 3));
        var losses = layer.Losses;
        Assert.Equal(2, losses.Count);
        Assert.Equal(0.1 * SumSquares(layer.Kernel!), losses[0].item<float>(), 5);
        // bias = [1, 1]: 0.5·2
        Assert.Equal(1.0, losses[1].item<float>(), 6);
    }

    [Fact]
    public void TrainingLoss_IncludesRegularizationTerm()
    {
        var (x, y) = Data();
        var plain = new Sequential(new Dense(1, inputShape: 3));
        var regularized = new Sequential(new Dense(1, inputShape: 3, kernelRegularizer: new L2(0.1)));
        regularized.SetWeights(plain.GetWeights());
        plain.Compile(optimizer: "sgd", loss: "mse");
        regularized.Compile(optimizer: "sgd", loss: "mse");
        var kernel = ((Dense)regularized.Layers[0]).Kernel!;
        var lossPlain = plain.Evaluate(x, y, batchSize: 32, verbose: 0).Loss;
        var lossReg = regularized.Evaluate(x, y, batchSize: 32, verbose: 0).Loss;
        // loss = mse + 0.1·Σ kernel²
        Assert.Equal(lossPlain + 0.1 * SumSquares(kernel), lossReg, 5);

        // The first training batch reports the same total (computed before the update).
        var history = regularized.Fit(x, y, batchSize: 32, epochs: 1, verbose: 0, shuffle: false);
        Assert.Equal(lossReg, history["loss"][0], 5);
    }

    [Fact]
    public void StrongL2_ShrinksTheKernel()
    {
        var (x, y) = Data();
        var plain = new Sequential(new Dense(1, inputShape: 3));
        var regularized = new Sequential(new Dense(1, inputShape: 3, kernelRegularizer: new L2(1.0)));
        regularized.SetWeights(plain.GetWeights());
        plain.Compile(optimizer: new DeepKeras.Optimizers.Adam(0.05), loss: "mse");
        regularized.Compile(optimizer: new DeepKeras.Optimizers.Adam(0.05), loss: "mse");
        plain.Fit(x, y, epochs: 40, verbose: 0);
        regularized.Fit(x, y, epochs: 40, verbose: 0);
        var normPlain = SumSquares(((Dense)plain.Layers[0]).Kernel!);
        var normReg = SumSquares(((Dense)regularized.Layers[0]).Kernel!);
        // Unregularized fits kernel [1, −1, 2] (Σw² = 6); the L2 penalty pulls it well below.
        Assert.True(normPlain > 5.5, $"plain Σw² {normPlain}");
        Assert.True(normReg < 0.5 * normPlain, $"regularized Σw² {normReg} vs {normPlain}");
    }

    [Fact]
    public void ActivityRegularizer_PenaltyDividedByBatchSize_ClearedEachCall()
    {
        var layer = new Dense(2, kernelInitializer: "ones", activityRegularizer: new L1(0.1));
        var output = layer.Apply(full(4, 3, 0.5f));
        // Each output = 3·0.5 = 1.5: 0.1·(8·1.5)/4
        Assert.Equal(0.1 * 8 * 1.5 / 4, layer.Losses.Single().item<float>(), 6);
        Assert.Equal(1.5f, output[0, 0].item<float>());
        layer.Apply(full(4, 3, 0.5f));
        Assert.Single(layer.Losses);
    }

    [Fact]
    public void FrozenLayer_WeightsNotRegularized()
    {
        var layer = new Dense(2, kernelRegularizer: "l2");
        var model = new Sequential(new Dense(3, inputShape: 3), layer);
        Assert.Single(model.Losses);
        layer.Trainable = false;
        Assert.Empty(model.Losses);
    }

    private sealed class PenaltyLayer(double factor) : Layer
    {
        protected override Tensor Call(Tensor inputs, bool training)
        {
            AddLoss(inputs.square().sum() * factor);
            return inputs;
        }

        public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
    }

    private sealed class TargetLayer : Layer
    {
        public Variable? W { get; private set; }

        public override void Build(Shape inputShape) => W = AddWeight("w", 1, "zeros");

        protected override Tensor Call(Tensor inputs, bool training)
        {
            // Custom loss: (w − 3)², independent of the data.
            AddLoss((W!.Value - 3).square().sum());
            return inputs * W.Value;
        }

        public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
    }

    [Fact]
    public void AddLoss_InLayerCall_AddedToModelLoss_OncePerForwardPass()
    {
        var (x, y) = Data();
        var withPenalty = new Sequential(new Dense(1, inputShape: 3), new PenaltyLayer(0.01));
        var plain = new Sequential(new Dense(1, inputShape: 3));
        plain.SetWeights(withPenalty.GetWeights());
        withPenalty.Compile(optimizer: "sgd", loss: "mse");
        plain.Compile(optimizer: "sgd", loss: "mse");
        var predictions = plain.Predict(x, batchSize: 32);
        var penalty = 0.01 * predictions.ToArray<float>().Sum(p => (double)p * p);
        var loss = withPenalty.Evaluate(x, y, batchSize: 32, verbose: 0).Loss;
        Assert.Equal(plain.Evaluate(x, y, batchSize: 32, verbose: 0).Loss + penalty, loss, 4);

        withPenalty.Apply(x);
        withPenalty.Apply(x);
        Assert.Single(withPenalty.Losses);
    }

    [Fact]
    public void AddLoss_WithoutCompiledLoss_FitMinimizesIt()
    {
        var target = new TargetLayer();
        var model = new Sequential(new Dense(1, inputShape: 3), target);
        model.Compile(optimizer: new DeepKeras.Optimizers.SGD(0.1));
        model.Fit(ones(16, 3), epochs: 30, batchSize: 16, verbose: 0);
        // Gradient descent on (w − 3)² from w = 0: w = 3·(1 − 0.8ⁿ) after n = 30 steps.
        Assert.Equal(3 * (1 - Math.Pow(0.8, 30)), target.W!.Value.item<float>(), 4);
    }

    [Fact]
    public void DenseConfig_HasRegularizers()
    {
        var c = new Dense(2, kernelRegularizer: "l2", activityRegularizer: "l1").GetConfig();
        Assert.Equal("L2", Assert.IsType<Dictionary<string, object?>>(c["kernel_regularizer"])["class_name"]);
        Assert.Null(c["bias_regularizer"]);
        Assert.Equal("L1", Assert.IsType<Dictionary<string, object?>>(c["activity_regularizer"])["class_name"]);
    }
}
