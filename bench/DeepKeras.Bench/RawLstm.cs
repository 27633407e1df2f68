using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DeepKeras.Bench;

/// <summary>
/// The LSTM classifier of <see cref="LstmBench"/> written directly in TorchSharp: <c>nn.LSTM(28, 64, batch_first)</c>
/// → last step → <c>nn.Linear(64, 10)</c> → softmax, trained like <see cref="RawMlp"/> (shuffled <c>index_select</c>
/// batches, a dispose scope per batch, <c>torch.optim.Adam</c>, Keras's clipped cross-entropy, running metrics as tensors).
/// </summary>
internal sealed class RawLstm
{
    private const float Epsilon = 1e-7f;
    private readonly LSTM _lstm;
    private readonly Linear _dense;
    private readonly optim.Optimizer _optimizer;

    public RawLstm(int features, int units, int classes)
    {
        _lstm = nn.LSTM(features, units, batchFirst: true);
        _dense = nn.Linear(units, classes);
        _optimizer = optim.Adam(_lstm.parameters().Concat(_dense.parameters()), lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-7);
    }

    /// <summary>Trains one epoch; returns the mean loss and the accuracy.</summary>
    public (double Loss, double Accuracy) TrainEpoch(Tensor x, Tensor y, int batchSize, Random shuffle)
    {
        _lstm.train();
        _dense.train();
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
            var (sequence, _, _) = _lstm.forward(xb);
            var p = nn.functional.softmax(_dense.forward(sequence.select(1, -1)), -1);
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
