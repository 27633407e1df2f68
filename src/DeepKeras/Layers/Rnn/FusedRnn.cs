using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// libtorch's whole-sequence recurrent kernels (<c>aten::lstm</c>, <c>aten::gru</c>, <c>aten::rnn_tanh</c>,
/// <c>aten::rnn_relu</c>: oneDNN on CPU, cuDNN on GPU) called with weights the caller passes in. TorchSharp only exposes
/// these kernels through <c>nn.LSTM</c>-style modules that own their parameters, so they are reached through a small
/// TorchScript compilation unit instead; autograd records the call like any other op, so gradients flow back to
/// whatever the weights were computed from (the Keras-layout variables).
/// </summary>
internal static class FusedRnn
{
    private const string Script = """
        def lstm(x, h0, c0, w_ih, w_hh, b_ih, b_hh, train: bool):
            return torch.lstm(x, [h0, c0], [w_ih, w_hh, b_ih, b_hh], True, 1, 0.0, train, False, True)

        def gru(x, h0, w_ih, w_hh, b_ih, b_hh, train: bool):
            return torch.gru(x, h0, [w_ih, w_hh, b_ih, b_hh], True, 1, 0.0, train, False, True)

        def rnn_tanh(x, h0, w_ih, w_hh, b_ih, b_hh, train: bool):
            return torch.rnn_tanh(x, h0, [w_ih, w_hh, b_ih, b_hh], True, 1, 0.0, train, False, True)

        def rnn_relu(x, h0, w_ih, w_hh, b_ih, b_hh, train: bool):
            return torch.rnn_relu(x, h0, [w_ih, w_hh, b_ih, b_hh], True, 1, 0.0, train, False, True)
        """;

    private static readonly Lazy<jit.CompilationUnit> Unit = new(() => jit.compile(Script + "\n"), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Runs an LSTM over a batch-first sequence.</summary>
    /// <param name="x">Input <c>(batch, time, features)</c>.</param>
    /// <param name="h0">Initial hidden state <c>(batch, units)</c>.</param>
    /// <param name="c0">Initial cell state <c>(batch, units)</c>.</param>
    /// <param name="w">Torch-layout weights: <c>w_ih (4u, in)</c>, <c>w_hh (4u, u)</c>, <c>b_ih (4u)</c>, <c>b_hh (4u)</c>, gates i, f, g, o.</param>
    /// <returns>The output sequence <c>(batch, time, units)</c> and the final <c>h</c> and <c>c</c>, each <c>(batch, units)</c>.</returns>
    public static (Tensor Sequence, Tensor H, Tensor C) Lstm(Tensor x, Tensor h0, Tensor c0, TorchWeights w)
    {
        if (!is_grad_enabled() && x.device_type == TorchSharp.DeviceType.CPU)
        {
            // With autograd off, libtorch's CPU LSTM (its oneDNN inference kernel) returns values that are off the LSTM
            // formula for many sizes (16 units on 1 feature: 0.05; 16 on 16: 0.45), while with grad mode on it matches
            // the step loop to 1e-7. So inference runs in grad mode on detached tensors: no graph is recorded.
            using var grad = enable_grad();
            var detached = new TorchWeights(w.Wih.detach(), w.Whh.detach(), w.Bih.detach(), w.Bhh.detach());
            return Lstm(x.detach(), h0.detach(), c0.detach(), detached, train: false);
        }

        return Lstm(x, h0, c0, w, is_grad_enabled());
    }

    private static (Tensor Sequence, Tensor H, Tensor C) Lstm(Tensor x, Tensor h0, Tensor c0, TorchWeights w, bool train)
    {
        var (y, h, c) = ((Tensor, Tensor, Tensor))Unit.Value.invoke(
            "lstm", x, h0.unsqueeze(0), c0.unsqueeze(0), w.Wih.contiguous(), w.Whh.contiguous(), w.Bih, w.Bhh, train);
        return (y, h.squeeze(0), c.squeeze(0));
    }

    /// <summary>Runs a single-state recurrent kernel (<c>gru</c>, <c>rnn_tanh</c> or <c>rnn_relu</c>) over a batch-first sequence.</summary>
    /// <param name="kernel">The TorchScript function name.</param>
    /// <param name="x">Input <c>(batch, time, features)</c>.</param>
    /// <param name="h0">Initial state <c>(batch, units)</c>.</param>
    /// <param name="w">Torch-layout weights (GRU gate order r, z, n).</param>
    /// <returns>The output sequence and the final state.</returns>
    public static (Tensor Sequence, Tensor H) SingleState(string kernel, Tensor x, Tensor h0, TorchWeights w)
    {
        var (y, h) = ((Tensor, Tensor))Unit.Value.invoke(
            kernel, x, h0.unsqueeze(0), w.Wih.contiguous(), w.Whh.contiguous(), w.Bih, w.Bhh, is_grad_enabled());
        return (y, h.squeeze(0));
    }

    /// <summary>
    /// Weights in torch's layout, computed from the Keras variables with differentiable ops (transposes and gate
    /// reorders; they are made contiguous before the call, which measured as fast as or faster than strided views).
    /// </summary>
    /// <param name="Wih">Input-to-hidden weights <c>(gates·units, in)</c>.</param>
    /// <param name="Whh">Hidden-to-hidden weights <c>(gates·units, units)</c>.</param>
    /// <param name="Bih">Input bias <c>(gates·units)</c>.</param>
    /// <param name="Bhh">Recurrent bias <c>(gates·units)</c>.</param>
    internal readonly record struct TorchWeights(Tensor Wih, Tensor Whh, Tensor Bih, Tensor Bhh);
}
