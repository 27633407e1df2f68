using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras.Bench;

/// <summary>
/// The epoch loop shared by the hand-written TorchSharp models, written the way a careful TorchSharp user would:
/// shuffled indices, <c>index_select</c> batches, one dispose scope per batch, the given <c>torch.optim</c> optimizer,
/// Keras's loss on the softmax output (renormalize, clip to [ε, 1−ε], −log p), and running loss and accuracy kept as
/// tensors (read once per epoch).
/// </summary>
internal static class RawTraining
{
    private const float Epsilon = 1e-7f;

    /// <summary>Trains one epoch; returns the mean loss and the accuracy.</summary>
    /// <param name="forward">The model: a batch of inputs → softmax probabilities <c>(batch, classes)</c>.</param>
    /// <param name="optimizer">The optimizer over the model's parameters.</param>
    /// <param name="x">All inputs.</param>
    /// <param name="y">All integer labels.</param>
    /// <param name="batchSize">The batch size.</param>
    /// <param name="shuffle">The generator of the epoch's order.</param>
    /// <param name="setGradientsToNone">The model's parameters, to free their gradients before each step (<c>zero_grad(set_to_none=True)</c>) instead of zeroing them in place.</param>
    public static (double Loss, double Accuracy) TrainEpoch(
        Func<Tensor, Tensor> forward, optim.Optimizer optimizer, Tensor x, Tensor y, int batchSize, Random shuffle,
        IReadOnlyList<Tensor>? setGradientsToNone = null)
    {
        var parameters = setGradientsToNone;
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

            if (parameters is not null)
            {
                // TorchSharp's zero_grad() zeroes in place; set_to_none=True is written out: backward then allocates fresh gradients.
                foreach (var parameter in parameters)
                {
                    parameter.grad = null;
                }
            }
            else
            {
                optimizer.zero_grad();
            }

            var p = forward(xb);
            var loss = -(p / p.sum(-1, keepdim: true)).clamp(Epsilon, 1 - Epsilon).log().gather(-1, yb.unsqueeze(-1)).mean();
            loss.backward();
            optimizer.step();

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
