using DeepKeras.Layers;
using DeepKeras.Models;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Training;

/// <summary>
/// Keras skips padded time steps in the compiled loss and metrics: the mask a sequence output carries
/// (Embedding(maskZero) → LSTM(returnSequences) → Dense) becomes the weights of the per-step values.
/// </summary>
public class MaskedLossTests
{
    // Two sequences padded at the end with 0: 3 and 2 real steps of 4.
    private static readonly long[,] Tokens = { { 3, 5, 2, 0 }, { 7, 1, 0, 0 } };
    private static readonly long[,] Targets = { { 1, 0, 2, 1 }, { 2, 2, 0, 0 } };
    private static readonly bool[,] Real = { { true, true, true, false }, { true, true, false, false } };

    private static (Tensor X, Tensor Y) Data() =>
        (tensor(Tokens.Cast<long>().ToArray(), [2, 4]), tensor(Targets.Cast<long>().ToArray(), [2, 4]));

    private static Sequential Tagger(int seed)
    {
        Keras.Utils.SetRandomSeed(seed);
        var model = new Sequential(
            new InputLayer(4),
            new Embedding(10, 4, maskZero: true),
            new LSTM(5, returnSequences: true),
            new Dense(3, activation: "softmax"));
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        return model;
    }

    private static (double Loss, double Accuracy) ByHandOverRealSteps(Tensor probabilities, long[,] targets)
    {
        double loss = 0, correct = 0;
        var count = 0;
        for (var b = 0; b < 2; b++)
        {
            for (var t = 0; t < 4; t++)
            {
                if (!Real[b, t])
                {
                    continue;
                }

                var p = probabilities[b, t];
                loss -= Math.Log(p[targets[b, t]].item<float>());
                correct += p.argmax().item<long>() == targets[b, t] ? 1 : 0;
                count++;
            }
        }

        return (loss / count, correct / count);
    }

    [Fact]
    public void Evaluate_AveragesLossAndAccuracyOverRealStepsOnly()
    {
        var model = Tagger(3);
        var (x, y) = Data();
        var probabilities = model.Forward([x], training: false)[0];

        var (loss, accuracy) = model.Evaluate(x, y, verbose: 0);
        var expected = ByHandOverRealSteps(probabilities, Targets);

        Assert.Equal(expected.Loss, loss, 5);
        Assert.Equal(expected.Accuracy, accuracy, 6);
    }

    [Fact]
    public void TargetsAtPaddedSteps_DoNotChangeTheLoss()
    {
        var (x, y) = Data();
        var otherPadding = y.clone();
        otherPadding[0, 3] = tensor(2L);
        otherPadding[1, 2] = tensor(1L);
        otherPadding[1, 3] = tensor(1L);

        var (a, _) = Tagger(4).Evaluate(x, y, verbose: 0);
        var (b, _) = Tagger(4).Evaluate(x, otherPadding, verbose: 0);

        Assert.Equal(a, b, 6);
    }

    [Fact]
    public void SampleWeights_MultiplyTheMaskWeights()
    {
        // Keras: mask weights total/valid on the real steps, times the per-sequence weight; mean over all steps.
        var model = Tagger(5);
        var (x, y) = Data();
        var p = model.Forward([x], training: false)[0];
        double[] sequenceWeight = [1.0, 3.0];
        double sum = 0;
        for (var b = 0; b < 2; b++)
        {
            for (var t = 0; t < 4; t++)
            {
                sum += Real[b, t] ? -Math.Log(p[b, t, Targets[b, t]].item<float>()) * (8.0 / 5.0) * sequenceWeight[b] : 0;
            }
        }

        var result = model.Evaluate(x, y, sampleWeight: tensor(new float[] { 1f, 3f }), verbose: 0);

        Assert.Equal(sum / 8.0, result.Loss, 5);
    }

    [Fact]
    public void NestedModel_PassesItsOutputMaskOn()
    {
        Keras.Utils.SetRandomSeed(6);
        var encoder = new Sequential(new InputLayer(4), new Embedding(10, 4, maskZero: true), new LSTM(5, returnSequences: true));
        var model = new Sequential(encoder, new Dense(3, activation: "softmax"));
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy");
        var (x, y) = Data();
        var probabilities = model.Forward([x], training: false)[0];

        var loss = model.Evaluate(x, y, verbose: 0).Loss;

        Assert.Equal(ByHandOverRealSteps(probabilities, Targets).Loss, loss, 5);
    }

    [Fact]
    public void Fit_LearnsTheRealSteps()
    {
        // Target of each real step: the token's parity class (token % 3); padded steps get a constant junk target.
        var rng = new Random(7);
        var tokens = new long[64, 6];
        var targets = new long[64, 6];
        for (var i = 0; i < 64; i++)
        {
            var length = rng.Next(2, 7);
            for (var t = 0; t < 6; t++)
            {
                tokens[i, t] = t < length ? rng.Next(1, 10) : 0;
                targets[i, t] = t < length ? tokens[i, t] % 3 : 0;
            }
        }

        Keras.Utils.SetRandomSeed(7);
        var tagger = new Sequential(new InputLayer(6), new Embedding(10, 8, maskZero: true), new LSTM(16, returnSequences: true),
            new Dense(3, activation: "softmax"));
        tagger.Compile(optimizer: new DeepKeras.Optimizers.Adam(0.02), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var x = tensor(tokens.Cast<long>().ToArray(), [64, 6]);
        var y = tensor(targets.Cast<long>().ToArray(), [64, 6]);
        var history = tagger.Fit(x, y, batchSize: 16, epochs: 40, verbose: 0);

        Assert.True(history["accuracy"][^1] > 0.95, $"accuracy over real steps {history["accuracy"][^1]:F3}");
        Assert.True(history["loss"][^1] < history["loss"][0] / 4, $"loss {history["loss"][0]:F3} → {history["loss"][^1]:F3}");
    }
}
