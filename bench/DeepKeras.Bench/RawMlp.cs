using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DeepKeras.Bench;

/// <summary>
/// The Keras MNIST MLP written directly in TorchSharp, trained by <see cref="RawTraining"/> with <c>torch.optim.Adam</c>
/// (ε = 1e-7 as Keras).
/// </summary>
internal sealed class RawMlp
{
    private readonly Sequential _model;
    private readonly optim.Optimizer _optimizer;

    public RawMlp()
    {
        _model = nn.Sequential(
            ("dense", nn.Linear(784, 512)),
            ("relu", nn.ReLU()),
            ("dropout", nn.Dropout(0.2)),
            ("dense_1", nn.Linear(512, 512)),
            ("relu_1", nn.ReLU()),
            ("dropout_1", nn.Dropout(0.2)),
            ("dense_2", nn.Linear(512, 10)),
            ("softmax", nn.Softmax(-1)));
        _optimizer = optim.Adam(_model.parameters(), lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-7);
    }

    /// <summary>Trains one epoch; returns the mean loss and the accuracy.</summary>
    public (double Loss, double Accuracy) TrainEpoch(Tensor x, Tensor y, int batchSize, Random shuffle)
    {
        _model.train();
        return RawTraining.TrainEpoch(_model.forward, _optimizer, x, y, batchSize, shuffle);
    }
}
