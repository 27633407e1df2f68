using DeepKeras;
using DeepKeras.Callbacks;
using DeepKeras.Engine;
using DeepKeras.Layers;
using DeepKeras.Metrics;
using DeepKeras.Models;
using DeepKeras.Training;
using static DeepKeras.Keras;
using static TorchSharp.torch;

namespace ReadmeSnippets;

// A namespace outside DeepKeras.Tests, as user code is: Layers, Ops and Utils are then Keras.Layers, Keras.Ops and Keras.Utils.
/// <summary>The code of the README's "Writing your own layers and models" section, as written there, with assertions.</summary>
public sealed class WritingYourOwnTests
{
    // README: a layer with its own weights.
    private sealed class Linear(int units = 32) : Layer
    {
        private Variable _w = null!;
        private Variable _b = null!;

        public override void Build(Shape inputShape)
        {
            _w = AddWeight(shape: (inputShape[-1]!.Value, units), initializer: "random_normal");
            _b = AddWeight(shape: units, initializer: "zeros");
        }

        protected override Tensor Call(Tensor inputs, bool training) => Ops.Matmul(inputs, _w) + _b;
    }

    // README: sublayers in fields are tracked.
    private sealed class MLPBlock : Layer
    {
        private readonly Linear _linear1 = new(32);
        private readonly Linear _linear2 = new(32);
        private readonly Linear _linear3 = new(1);

        protected override Tensor Call(Tensor inputs, bool training)
        {
            var x = Ops.Relu(_linear1.Apply(inputs));
            x = Ops.Relu(_linear2.Apply(x));
            return _linear3.Apply(x);
        }
    }

    // README: a loss added by a layer.
    private sealed class ActivityRegularizationLayer(double rate = 1e-2) : Layer
    {
        protected override Tensor Call(Tensor inputs, bool training)
        {
            AddLoss(rate * Ops.Sum(inputs));
            return inputs;
        }
    }

    // README: a functionally built model with its own training step.
    private sealed class CustomModel(KerasTensor inputs, KerasTensor outputs) : Model(inputs, outputs)
    {
        private readonly Mean _lossTracker = new("loss");

        protected override Logs TrainStep(Batch data)
        {
            var yPred = Forward(data.X, training: true)[0];
            var loss = Ops.Mean(Ops.Square(data.Target - yPred));
            ApplyGradients(loss, TrainableWeights);
            _lossTracker.UpdateState(loss);
            return new Logs([new("loss", _lossTracker.Result())]);
        }
    }

    [Fact]
    public void Linear_CreatesItsWeightsOnFirstCall()
    {
        var layer = new Linear(4);
        var y = layer.Apply(Ops.Ones((2, 3)));
        Assert.Equal([2L, 4L], y.shape);
        Assert.Equal(2, layer.Weights.Count);
        Assert.Equal(16, layer.CountParams());
    }

    [Fact]
    public void MLPBlock_TracksTheWeightsOfItsFields()
    {
        var block = new MLPBlock();
        var y = block.Apply(Ops.Ones((3, 64)));
        Assert.Equal([3L, 1L], y.shape);
        Assert.Equal(6, block.Weights.Count);
        Assert.Equal((64 * 32) + 32 + (32 * 32) + 32 + 32 + 1, block.CountParams());
    }

    [Fact]
    public void AddLoss_IsCollectedAndTrainedOn()
    {
        var layer = new ActivityRegularizationLayer();
        layer.Apply(Ops.Ones((2, 5)));
        Assert.Equal(0.1, layer.Losses.Single().item<float>(), 1e-6);

        // Compiled without a loss: the added losses are the loss, logged as "loss" (Keras sums them the same way).
        var inputs = Input(shape: 4);
        var outputs = new ActivityRegularizationLayer().Apply(Layers.Dense(1).Apply(inputs));
        var model = Model(inputs, outputs);
        model.Compile(optimizer: "sgd");
        var x = Keras.Random.Normal((32, 4), seed: 1);
        var before = 0.01 * model.PredictTensors(x, verbose: 0)[0].sum().item<float>();

        var history = model.Fit(x, epochs: 2, batchSize: 32, shuffle: false, verbose: 0);

        Assert.Equal(before, history["loss"][0], 1e-4);
        Assert.True(history["loss"][1] < history["loss"][0], string.Join(", ", history["loss"]));
    }

    [Fact]
    public void CustomModel_TrainsWithItsOwnStep_AndDisposes()
    {
        Utils.SetRandomSeed(1);
        var inputs = Input(shape: 32);
        var outputs = Layers.Dense(1).Apply(inputs);
        var model = new CustomModel(inputs, outputs);
        model.Compile(optimizer: "adam");
        var x = Keras.Random.Normal((256, 32), seed: 2);
        var y = Keras.Random.Normal((256, 1), seed: 3);

        var history = model.Fit(x, y, epochs: 3, verbose: 0);

        Assert.True(history["loss"][2] < history["loss"][0], string.Join(", ", history["loss"]));
        var kernel = model.Layers[1].Weights[0];
        model.Dispose();
        Assert.Throws<ObjectDisposedException>(() => kernel.Value);
    }

    [Fact]
    public void RnnOfAnLstmCell_HasKerasParameterCount()
    {
        var model = Sequential(Input(shape: new Shape(null, 28)), Layers.RNN(Layers.LSTMCell(64)), Layers.Dense(10));
        Assert.Equal(23_808 + 650, model.CountParams());
    }
}
