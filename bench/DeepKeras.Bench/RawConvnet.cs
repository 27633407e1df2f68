using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DeepKeras.Bench;

/// <summary>
/// The Keras mnist_convnet written directly in TorchSharp, NCHW as PyTorch users write it (nn.Conv2d, nn.MaxPool2d,
/// Flatten, Dropout, Linear, Softmax), trained like <see cref="RawMlp"/>: shuffled <c>index_select</c> batches, one
/// dispose scope per batch, <c>torch.optim.Adam</c> (ε = 1e-7 as Keras), Keras's cross-entropy on the softmax output,
/// running loss and accuracy kept as tensors.
/// </summary>
internal sealed class RawConvnet
{
    private const float Epsilon = 1e-7f;
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
        var n = x.shape[0];
        var order = new long[n];
        for (long i = 0; i < n; i++)
        {
            order[i] = i;
        }

        shuffle.Shuffle(order);
        var lossSum = zeros([], dtype: float64).DetachFromDisposeScope();
        var correct = zeros([], dtype: int64).DetachFromDisposeScope();
        for (long start = 0; start < n; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var size = Math.Min(batchSize, n - start);
            var idx = tensor(order.AsSpan((int)start, (int)size).ToArray());
            var xb = x.index_select(0, idx);
            var yb = y.index_select(0, idx);

            _optimizer.zero_grad();
            var p = _model.forward(xb);
            var loss = -(p / p.sum(-1, keepdim: true)).clamp(Epsilon, 1 - Epsilon).log().gather(-1, yb.unsqueeze(-1)).mean();
            loss.backward();
            _optimizer.step();

            using (no_grad())
            {
                lossSum.add_(loss.detach().to(float64) * size);
                correct.add_(p.argmax(-1).eq(yb).sum());
            }
        }

        var result = (lossSum.item<double>() / n, correct.item<long>() / (double)n);
        lossSum.Dispose();
        correct.Dispose();
        return result;
    }
}
