using DeepKeras.Distribution;
using TorchSharp;
using static TorchSharp.torch;

namespace DeepKeras.Backend;

/// <summary>
/// A sum over processes that autograd can differentiate: the forward pass all-reduces the values, the backward pass
/// all-reduces the incoming gradients (each process's input contributes to every process's output). Synchronized batch
/// normalization sums its per-channel moments with it.
/// </summary>
internal sealed class AllReduceFunction : autograd.SingleTensorFunction<AllReduceFunction>
{
    [ThreadStatic]
    private static (ICommunicator Communicator, string Purpose) _pending;

    /// <inheritdoc/>
    public override string Name => "DeepKerasAllReduceSum";

    /// <summary>Returns the sum of <paramref name="input"/> over all processes, differentiably.</summary>
    /// <param name="input">This process's values (same shape on every process).</param>
    /// <param name="communicator">The processes.</param>
    /// <param name="purpose">What is summed, for error messages.</param>
    public static Tensor Sum(Tensor input, ICommunicator communicator, string purpose)
    {
        // Autograd expects one gradient per argument of apply: the communicator travels outside the arguments.
        _pending = (communicator, purpose);
        return apply(input);
    }

    /// <inheritdoc/>
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var input = (Tensor)vars[0];
        var (communicator, purpose) = _pending;
        ctx.save_data("communicator", communicator);
        ctx.save_data("purpose", purpose);
        var output = input.detach().contiguous().clone();
        communicator.AllReduce(output, ReduceOp.Sum, purpose);
        return output;
    }

    /// <inheritdoc/>
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
    {
        var communicator = (ICommunicator)ctx.get_data("communicator");
        var gradient = gradOutput.contiguous().clone();
        communicator.AllReduce(gradient, ReduceOp.Sum, $"gradient of {ctx.get_data("purpose")}");
        return [gradient];
    }
}
