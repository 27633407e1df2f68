using DeepKeras.Optimizers;
using static TorchSharp.torch;

namespace DeepKeras.Saving;

/// <summary>
/// An optimizer's variables in Keras's <c>optimizer.variables</c> order: <c>iteration</c> (int64), <c>learning_rate</c>
/// (float32, absent with a schedule), the slots — group by group, each group interleaved over the model's trainable
/// variables (Adam: m₀, v₀, m₁, v₁, …) — then extra scalars such as Nadam's <c>u_product</c>.
/// </summary>
internal static class OptimizerState
{
    /// <summary>Returns the values to save, in order. Scalars are 0-d tensors.</summary>
    public static List<Tensor> Values(Optimizer optimizer, IReadOnlyList<Variable> trainable)
    {
        var result = new List<Tensor> { tensor(optimizer.Iterations, int64) };
        if (optimizer.Schedule is null)
        {
            result.Add(tensor((float)optimizer.LearningRate, float32));
        }

        if (optimizer.Built)
        {
            result.AddRange(SlotsInOrder(optimizer, trainable));
            // Keras keeps u_product in the variable dtype; float64 keeps DeepKeras's double exact across a resume.
            result.AddRange(optimizer.ExtraState.Select(x => tensor(x, float64)));
        }

        return result;
    }

    /// <summary>The slot tensors in Keras order.</summary>
    public static List<Tensor> SlotsInOrder(Optimizer optimizer, IReadOnlyList<Variable> trainable)
    {
        var result = new List<Tensor>();
        if (trainable.Count == 0)
        {
            return result;
        }

        var count = optimizer.SlotsOf(trainable[0]).Count;
        foreach (var group in optimizer.KerasSlotGroups(count))
        {
            foreach (var v in trainable)
            {
                var slots = optimizer.SlotsOf(v);
                foreach (var i in group)
                {
                    if (i < slots.Count)
                    {
                        result.Add(slots[i]);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Sets the optimizer from loaded values (already checked against <see cref="Values"/> for count and shapes).</summary>
    public static void Assign(Optimizer optimizer, IReadOnlyList<Variable> trainable, IReadOnlyList<Tensor> values)
    {
        using var noGrad = no_grad();
        var i = 0;
        optimizer.Iterations = values[i++].item<long>();
        if (optimizer.Schedule is null)
        {
            // The file holds float32; keep the exact double when it is the same number in float32.
            var saved = values[i++].item<float>();
            if ((float)optimizer.LearningRate != saved)
            {
                optimizer.LearningRate = saved;
            }
        }

        foreach (var slot in SlotsInOrder(optimizer, trainable))
        {
            slot.copy_(values[i++]);
        }

        var extra = optimizer.ExtraState;
        if (extra.Length > 0)
        {
            optimizer.ExtraState = values.Skip(i).Take(extra.Length).Select(t => t.item<double>()).ToArray();
        }
    }
}
