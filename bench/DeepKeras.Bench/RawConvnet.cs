using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DeepKeras.Bench;

/// <summary>
/// The Keras mnist_convnet written directly in TorchSharp, NCHW as PyTorch users write it (nn.Conv2d, nn.MaxPool2d,
/// Flatten, Dropout, Linear, Softmax), trained by <see cref="RawTraining"/> with
/// <c>torch.optim.Adam</c> (ε = 1e-7 as Keras).
/// </summary>
internal sealed class RawConvnet
{
    private readonly Sequential _model;
    private readonly optim.Optimizer _optimizer;

    public RawConvnet()
    {
        _model = nn.Sequential(
            ("conv2d", nn.Conv2d(1, 32, 3)),
            ("relu", nn.ReLU()),
            ("max_pooling2d", nn.MaxPool2d(2)),
            ("conv2d_1", nn.Conv2d(32, 64, 3)),
            ("relu_1", nn.ReLU()),
            ("max_pooling2d_1", nn.MaxPool2d(2)),
            ("flatten", nn.Flatten()),
            ("dropout", nn.Dropout(0.5)),
            ("dense", nn.Linear(1600, 10)),
            ("softmax", nn.Softmax(-1)));
        _optimizer = optim.Adam(_model.parameters(), lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-7);
    }

    /// <summary>Trains one epoch on <paramref name="x"/> of shape (n, 1, 28, 28); returns the mean loss and the accuracy.</summary>
    public (double Loss, double Accuracy) TrainEpoch(Tensor x, Tensor y, int batchSize, Random shuffle)
    {
        _model.train();
        return RawTraining.TrainEpoch(_model.forward, _optimizer, x, y, batchSize, shuffle);
    }
}
