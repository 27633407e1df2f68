using DeepKeras.Activations;
using DeepKeras.Layers;
using static DeepKeras.Tests.Layers.Rnn.RnnTestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Rnn;

/// <summary>
/// LSTM outputs in inference (autograd off: Predict, Evaluate, validation) equal the LSTM formula. libtorch's CPU
/// LSTM kernel without autograd is off by up to 0.6 for these sizes, so the layer must not hand it that case.
/// </summary>
public class LstmInferenceTests
{
    [Theory]
    [InlineData(16, 1, 12)]
    [InlineData(4, 3, 5)]
    [InlineData(16, 16, 5)]
    [InlineData(64, 28, 28)]
    public void NoGrad_FusedLstm_EqualsTheStepLoop(int units, int features, int steps)
    {
        Keras.Utils.SetRandomSeed(5);
        var fused = new LSTM(units, returnSequences: true, returnState: true);
        // A tanh the layer cannot hand to the fused kernel: the step loop computes Keras's formula.
        var loop = new LSTM(units, activation: ActivationFunction.FromDelegate(ActivationFunction.Get("tanh").Call, "tanh_by_hand"),
            returnSequences: true, returnState: true);
        var x = randn(8, steps, features);
        fused.Apply(x);
        loop.Apply(x);
        for (var i = 0; i < fused.Weights.Count; i++)
        {
            loop.Weights[i].Assign(fused.Weights[i].Value);
        }

        Tensor[] a;
        Tensor[] b;
        using (no_grad())
        {
            a = fused.ApplyAll([x]);
            b = loop.ApplyAll([x]);
        }

        for (var i = 0; i < a.Length; i++)
        {
            AllClose(b[i], a[i], what: $"output {i}");
            Assert.False(a[i].requires_grad);
        }
    }

    [Fact]
    public void Predict_AfterFit_MatchesTheTrainingModeOutput()
    {
        Keras.Utils.SetRandomSeed(6);
        var model = Keras.Sequential(new InputLayer(new Shape(6, 2)), new LSTM(16), new Dense(1));
        var x = randn(32, 6, 2);
        model.Compile(optimizer: "adam", loss: "mse");
        model.Fit(x, x[.., -1, ..1], epochs: 2, verbose: 0);

        var predicted = model.Predict(x);
        var withGrad = model.Apply(x).detach();

        AllClose(withGrad, tensor(predicted.ToArray<float>(), [32, 1]), what: "predict");
    }
}
