using DeepKeras.Models;
using DeepKeras.Optimizers;
using static TorchSharp.torch;

namespace DeepKeras.Distribution;

/// <summary>
/// Starts every process of a data-parallel <c>Fit</c> from process 0's state: the epoch to resume at (set by
/// BackupAndRestore, which runs on process 0 only), all weights, and the optimizer's slots, iteration count, learning
/// rate and extra state. Each kind of state is sent in one fused broadcast.
/// </summary>
internal static class StateBroadcast
{
    /// <summary>Gives every process process 0's <c>ResumeEpoch</c>.</summary>
    /// <param name="model">The model being trained.</param>
    /// <param name="communicator">The processes.</param>
    public static void ResumeEpoch(Model model, ICommunicator communicator)
    {
        using var epoch = tensor(new long[] { model.ResumeEpoch ?? -1 });
        communicator.Broadcast(epoch, 0, "the epoch to resume at");
        var value = epoch.data<long>()[0];
        model.ResumeEpoch = value >= 0 ? (int)value : null;
    }

    /// <summary>Copies process 0's weights and optimizer state to every process.</summary>
    /// <param name="model">The model (built on every process).</param>
    /// <param name="communicator">The processes.</param>
    /// <exception cref="InvalidOperationException">The processes' models differ in size.</exception>
    public static void ModelState(Model model, ICommunicator communicator)
    {
        using var noGrad = no_grad();
        Fused(model.Weights.Select(w => w.Value).ToList(), communicator, $"the weights of model \"{model.Name}\"");
        if (model.Optimizer is { } optimizer)
        {
            OptimizerState(optimizer, model.TrainableWeights, communicator);
        }
    }

    private static void OptimizerState(Optimizer optimizer, IReadOnlyList<Variable> variables, ICommunicator communicator)
    {
        var extra = optimizer.ExtraState;
        double[] values = [optimizer.Built ? 1 : 0, optimizer.Iterations, optimizer.Schedule is null ? optimizer.LearningRate : double.NaN, .. extra];
        using (var header = tensor(values, float64))
        {
            communicator.Broadcast(header, 0, "the optimizer's iteration count and learning rate");
            values = header.data<double>().ToArray();
        }

        optimizer.Iterations = (long)values[1];
        if (!double.IsNaN(values[2]))
        {
            optimizer.LearningRate = values[2];
        }

        if (extra.Length > 0)
        {
            optimizer.ExtraState = values[3..];
        }

        if (values[0] == 0)
        {
            return;
        }

        optimizer.Build(variables);
        Fused(variables.SelectMany(optimizer.SlotsOf).ToList(), communicator, $"the state of optimizer \"{optimizer.Name}\"");
    }

    private static void Fused(IReadOnlyList<Tensor> tensors, ICommunicator communicator, string purpose)
    {
        using var scope = NewDisposeScope();
        var count = tensors.Sum(t => t.numel());
        using (var size = tensor(new long[] { count }))
        {
            communicator.Broadcast(size, 0, $"the size of {purpose}");
            var rootCount = size.data<long>()[0];
            if (rootCount != count)
            {
                throw new InvalidOperationException(
                    $"Process 0 has {rootCount} values in {purpose}, this process has {count}: every process must build the same model.");
            }
        }

        if (count == 0)
        {
            return;
        }

        var flat = cat(tensors.Select(t => t.reshape(-1).to(float32)).ToArray()).contiguous();
        communicator.Broadcast(flat, 0, purpose);
        long offset = 0;
        foreach (var t in tensors)
        {
            t.copy_(flat.narrow(0, offset, t.numel()).view(t.shape));
            offset += t.numel();
        }
    }
}
