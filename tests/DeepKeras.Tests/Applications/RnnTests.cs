using DeepKeras.Layers;
using DeepKeras.Optimizers;
using static TorchSharp.torch;
using Rnn = DeepKeras.Applications.Rnn;

namespace DeepKeras.Tests.Applications;

public class RnnTests
{
    [Fact]
    public void BidirectionalClassifier_KerasImdbModel_Has2757761Params()
    {
        var model = Rnn.BidirectionalClassifier(RnnInput.Tokens(20000, 128), units: [64, 64]);

        // Embedding 20000·128 = 2,560,000; each Bidirectional(LSTM(64)) on 128 inputs: 2·4·(64·(128+64)+64) = 98,816;
        // Dense(1) on 2·64: 129. Total 2,560,000 + 2·98,816 + 129 = 2,757,761 (Keras's bidirectional_lstm_imdb).
        Assert.Equal(2_757_761, model.CountParams());
        Assert.Equal([2_560_000L, 98_816L, 98_816L, 129L], model.Layers.Select(l => l.CountParams()));
        Assert.Equal(["Embedding", "Bidirectional", "Bidirectional", "Dense"], model.Layers.Select(l => l.ClassName));
        var first = (Bidirectional)model.Layers[1];
        Assert.True(first.ForwardLayer.ReturnSequences);
        Assert.False(((Bidirectional)model.Layers[2]).ForwardLayer.ReturnSequences);
        Assert.Equal("sigmoid", ((Dense)model.Layers[^1]).Activation.Name);
        Assert.Equal(new Shape(null, 1), model.ComputeOutputShape(new Shape(null, 200)));
    }

    [Fact]
    public void StackedClassifier_GruOnRows_CountsAndShapes()
    {
        var model = Rnn.StackedClassifier(RnnInput.Sequence(28, 28), units: [32, 16], cell: "gru", classes: 10);

        // GRU (reset_after) 3·(u·(i+u) + 2u): 3·(32·60 + 64) = 5,952; 3·(16·48 + 32) = 2,400; Dense 16·10+10 = 170.
        Assert.Equal(8_522, model.CountParams());
        Assert.Equal(["GRU", "GRU", "Dense"], model.Layers.Select(l => l.ClassName));
        Assert.Equal("softmax", ((Dense)model.Layers[^1]).Activation.Name);
        var probabilities = model.Predict(new float[3, 28, 28]);
        Assert.Equal(new long[] { 3, 10 }, probabilities.shape);
    }

    [Fact]
    public void StackedClassifier_SimpleRnnTokensWithDropout_AndMergeModeSum()
    {
        var simple = Rnn.StackedClassifier(RnnInput.Tokens(1000, 16, maskZero: true), units: [8], cell: "simple_rnn", dropout: 0.25);
        var summed = Rnn.BidirectionalClassifier(RnnInput.Sequence(10, 3), units: [4], cell: "gru", classes: 3, mergeMode: "sum",
            classifierActivation: "linear");

        // Embedding 1000·16 = 16,000; SimpleRNN u·(i+u)+u = 8·24+8 = 200; Dense(1) 8+1 = 9.
        Assert.Equal(16_209, simple.CountParams());
        Assert.Equal(["Embedding", "SimpleRNN", "Dropout", "Dense"], simple.Layers.Select(l => l.ClassName));
        Assert.True(((Embedding)simple.Layers[0]).MaskZero);
        // Bidirectional GRU(4) on 3 inputs: 2·3·(4·7 + 8) = 216; "sum" keeps 4 features: Dense(3) 4·3+3 = 15.
        Assert.Equal(231, summed.CountParams());
        Assert.Equal("linear", ((Dense)summed.Layers[^1]).Activation.Name);
    }

    [Fact]
    public void SequenceRegressor_LstmWindow_CountsAndShapes()
    {
        var model = Rnn.SequenceRegressor(timesteps: 30, units: [32]);
        var twoStep = Rnn.SequenceRegressor(timesteps: null, features: 2, units: [8, 4], cell: "simple_rnn", outputs: 3);

        // LSTM 4·(32·(1+32) + 32) = 4,352; Dense(1) 33.
        Assert.Equal(4_385, model.CountParams());
        Assert.Equal("linear", ((Dense)model.Layers[^1]).Activation.Name);
        // SimpleRNN 8·(2+8)+8 = 88, SimpleRNN 4·(8+4)+4 = 52, Dense(3) 4·3+3 = 15; any window length works.
        Assert.Equal(155, twoStep.CountParams());
        Assert.Equal(new long[] { 5, 3 }, twoStep.Predict(new float[5, 7, 2]).shape);
    }

    [Fact]
    public void Factories_InvalidArguments_NameTheArgument()
    {
        var cell = Assert.Throws<ArgumentException>(() => Rnn.StackedClassifier(RnnInput.Sequence(5, 1), cell: "transformer"));
        var units = Assert.Throws<ArgumentException>(() => Rnn.StackedClassifier(RnnInput.Sequence(5, 1), units: [16, 0]));
        var empty = Assert.Throws<ArgumentException>(() => Rnn.SequenceRegressor(5, units: []));
        var merge = Assert.Throws<ArgumentException>(() => Rnn.BidirectionalClassifier(RnnInput.Sequence(5, 1), mergeMode: "max"));
        var classes = Assert.Throws<ArgumentOutOfRangeException>(() => Rnn.StackedClassifier(RnnInput.Sequence(5, 1), classes: 1));
        var vocab = Assert.Throws<ArgumentOutOfRangeException>(() => RnnInput.Tokens(0, 8));

        Assert.Equal("cell", cell.ParamName);
        Assert.Contains("cell=transformer", cell.Message);
        Assert.Contains("units=[16, 0]", units.Message);
        Assert.Contains("units=[]", empty.Message);
        Assert.Contains("merge_mode=max", merge.Message);
        Assert.Equal("classes", classes.ParamName);
        Assert.Contains("vocabulary_size=0", vocab.Message);
        Assert.IsType<LSTM>(Rnn.Cell("LSTM", 3));
        Assert.IsType<SimpleRNN>(Rnn.Cell("SimpleRNN", 3));
    }

    [Fact]
    public void BidirectionalClassifier_PaddedTokens_LearnsWhichReviewsHoldTheGoodWord()
    {
        // Reviews of 3–10 random ids in [3, 30), zero-padded in front to 10; label 1 when word 7 occurs. The mask from
        // Embedding(maskZero) lets the model ignore the padding.
        Keras.Utils.SetRandomSeed(11);
        var rng = new Random(5);
        const int n = 400;
        var x = new float[n, 10];
        var y = new float[n];
        for (var i = 0; i < n; i++)
        {
            var length = rng.Next(3, 11);
            var positive = i % 2 == 0;
            for (var t = 10 - length; t < 10; t++)
            {
                var id = rng.Next(8, 30);
                x[i, t] = id;
            }

            if (positive)
            {
                x[i, rng.Next(10 - length, 10)] = 7;
            }

            y[i] = positive ? 1 : 0;
        }

        var model = Rnn.BidirectionalClassifier(RnnInput.Tokens(30, 8, maskZero: true), units: [8], cell: "gru");
        model.Compile(optimizer: new Adam(0.02), loss: "binary_crossentropy", metrics: ["accuracy"]);
        var history = model.Fit(x, y, batchSize: 32, epochs: 12, verbose: 0);
        var accuracy = model.Evaluate(x, y, verbose: 0)["accuracy"];

        Assert.True(history["loss"][^1] < history["loss"][0] * 0.5, $"loss {history["loss"][0]} → {history["loss"][^1]}");
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
    }

    [Fact]
    public void SequenceRegressor_SineWindows_PredictsTheNextValueBetterThanTheLastValue()
    {
        // Windows of 12 samples of sin(0.3·t) → the next sample. Naive "repeat the last value" errs by about
        // mean |sin(0.3(t+1)) − sin(0.3t)| ≈ (2/π)·2·sin(0.15) ≈ 0.19; the LSTM must do clearly better.
        Keras.Utils.SetRandomSeed(3);
        const int n = 300;
        const int window = 12;
        var x = new float[n, window, 1];
        var y = new float[n, 1];
        var naive = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var t = 0; t < window; t++)
            {
                x[i, t, 0] = MathF.Sin(0.3f * (i + t));
            }

            y[i, 0] = MathF.Sin(0.3f * (i + window));
            naive += Math.Abs(y[i, 0] - x[i, window - 1, 0]) / n;
        }

        var model = Rnn.SequenceRegressor(timesteps: window, units: [16]);
        model.Compile(optimizer: new Adam(0.01), loss: "mse", metrics: ["mae"]);
        model.Fit(x, y, batchSize: 32, epochs: 25, verbose: 0);
        var mae = model.Evaluate(x, y, verbose: 0)["mae"];

        Assert.InRange(naive, 0.17, 0.21);
        Assert.True(mae < naive / 3, $"mae {mae} vs naive {naive}");
    }

    [Fact]
    public void StackedClassifier_FeatureSequences_LearnsTheSignOfTheMean()
    {
        Keras.Utils.SetRandomSeed(4);
        var g = randn(256, 8, 2);
        var x = g + g[.., .., 0..1].mean([1], keepdim: true).sign() * 0.5;
        var labels = x[.., .., 0].mean([1]).gt(0).to_type(ScalarType.Float32);

        var model = Rnn.StackedClassifier(RnnInput.Sequence(8, 2), units: [12, 6], cell: "lstm");
        model.Compile(optimizer: new Adam(0.02), loss: "binary_crossentropy", metrics: ["accuracy"]);
        var history = model.Fit(x, labels, batchSize: 32, epochs: 15, verbose: 0);
        var accuracy = model.Evaluate(x, labels, verbose: 0)["accuracy"];

        Assert.True(history["loss"][^1] < history["loss"][0] * 0.5, $"loss {history["loss"][0]} → {history["loss"][^1]}");
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
    }
}
