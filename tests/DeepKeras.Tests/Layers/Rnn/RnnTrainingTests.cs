using DeepKeras.Layers;
using DeepKeras.Models;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Layers.Rnn;

public class RnnTrainingTests
{
    [Fact]
    public void StackedLstmClassifier_LearnsTheSignOfTheSum()
    {
        Keras.Utils.SetRandomSeed(21);
        var x = randn(1024, 8, 1);
        var y = (x.sum([1, 2]) > 0).to_type(ScalarType.Float32).unsqueeze(1);
        var model = new Sequential(
            new LSTM(16, returnSequences: true, inputShape: (8, 1)),
            new LSTM(8),
            new Dense(1, activation: "sigmoid"));
        model.Compile(optimizer: new DeepKeras.Optimizers.Adam(0.01), loss: "binary_crossentropy", metrics: ["accuracy"]);

        var history = model.Fit(x, y, epochs: 20, batchSize: 64, verbose: 0);
        var accuracy = model.Evaluate(x, y, verbose: 0)["accuracy"];

        Assert.True(history["loss"][^1] < history["loss"][0], "loss should drop");
        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
    }

    [Fact]
    public void MaskedGruWithEmbedding_LearnsWhetherTokenOneAppears()
    {
        Keras.Utils.SetRandomSeed(22);
        var ids = randint(1, 6, [512, 8]);
        var lengths = randint(2, 9, [512, 1]);
        ids = where(arange(8).unsqueeze(0) < lengths, ids, zeros_like(ids));
        var y = (ids == 1).any(1).to_type(ScalarType.Float32).unsqueeze(1);
        var model = new Sequential(
            new Embedding(6, 8, maskZero: true),
            new GRU(12, dropout: 0.1, recurrentDropout: 0.1),
            new Dense(1, activation: "sigmoid"));
        model.Compile(optimizer: new DeepKeras.Optimizers.Adam(0.02), loss: "binary_crossentropy", metrics: ["accuracy"]);

        model.Fit(ids, y, epochs: 10, batchSize: 64, verbose: 0);
        var accuracy = model.Evaluate(ids, y, verbose: 0)["accuracy"];

        Assert.True(accuracy > 0.9, $"accuracy {accuracy}");
    }

    [Fact]
    public void Fit_FusedAndMaskedPaths_LeaveNoTensorsBehindBetweenEpochs()
    {
        Keras.Utils.SetRandomSeed(23);
        var ids = randint(0, 9, [128, 6]);
        var y = randint(0, 2, [128, 1]).to_type(ScalarType.Float32);
        var model = new Sequential(
            new Embedding(9, 4, maskZero: true),
            new Bidirectional(new GRU(3, returnSequences: true)),
            new LSTM(3, stateful: true),
            new Dense(1, activation: "sigmoid"));
        model.Compile(optimizer: "adam", loss: "binary_crossentropy");
        model.Fit(ids, y, epochs: 1, batchSize: 32, verbose: 0, shuffle: false);
        var before = Tensor.TotalCount;

        model.Fit(ids, y, epochs: 3, batchSize: 32, verbose: 0, shuffle: false);

        Assert.True(Tensor.TotalCount - before <= 10, $"live tensors grew from {before} to {Tensor.TotalCount}");
    }
}
