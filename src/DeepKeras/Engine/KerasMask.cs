using System.Runtime.CompilerServices;
using static TorchSharp.torch;

namespace DeepKeras.Engine;

/// <summary>
/// The mask a layer's output carries (Keras's <c>_keras_mask</c> attribute, read by <c>backend.get_keras_mask</c>):
/// <c>(batch, time)</c> booleans, false at padded steps. Every eager layer call attaches its output mask here, so the
/// outputs of a model keep the mask of the layer that produced them and the compiled loss and metrics can skip the
/// padded steps. The table holds no tensor alive: an entry goes with its output tensor.
/// </summary>
internal static class KerasMask
{
    private static readonly ConditionalWeakTable<Tensor, Tensor> Masks = new();

    /// <summary>Attaches <paramref name="mask"/> to every output.</summary>
    public static void Attach(IEnumerable<Tensor> outputs, Tensor mask)
    {
        foreach (var output in outputs)
        {
            Masks.AddOrUpdate(output, mask);
        }
    }

    /// <summary>The mask attached to <paramref name="tensor"/>, or null.</summary>
    public static Tensor? Get(Tensor tensor) => Masks.TryGetValue(tensor, out var mask) ? mask : null;
}
