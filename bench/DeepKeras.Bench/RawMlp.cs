using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DeepKeras.Bench;

/// <summary>
/// The Keras MNIST MLP written directly in TorchSharp, trained the way a careful TorchSharp user would: shuffled
/// indices, <c>index_select</c> batches, one dispose scope per batch, <c>torch.optim.Adam</c>, and running loss and
/// accuracy kept as tensors (read once per epoch). The loss is Keras's: softmax output, clip to [ε, 1−ε], −log p.
/// </summary>
internal sealed class RawMlp
{
    private const float Epsilon = 1e-7f;
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
