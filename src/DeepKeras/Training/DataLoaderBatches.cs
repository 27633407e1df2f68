using System.Runtime.CompilerServices;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DeepKeras.Training;

/// <summary>
/// The batches of a TorchSharp <c>DataLoader</c> as (x, y, sample weight) batches. A batch may be a list or tuple of
/// tensors (x), (x, y) or (x, y, sample weight) — what <c>TensorDataset</c> gives, like Keras's tuples from a torch
/// <c>DataLoader</c> — a dictionary with keys <c>x</c>, <c>y</c>, <c>sample_weight</c> (or TorchSharp's usual
/// <c>data</c> and <c>label</c>), or a single tensor of inputs.
/// </summary>
internal static class DataLoaderBatches
{
    /// <summary>Returns an adapter over the loader's batches; its length is the loader's.</summary>
    /// <typeparam name="T">The dataset's item type.</typeparam>
    /// <typeparam name="S">The loader's batch type.</typeparam>
    /// <param name="loader">The loader.</param>
    public static EnumerableDataAdapter Adapter<T, S>(DataLoader<T, S> loader)
    {
        ArgumentNullException.ThrowIfNull(loader);
        return new EnumerableDataAdapter(loader.Select(b => ToDataBatch(b, loader.GetType())), checked((int)loader.Count))
        {
            ItemsExpireOnMoveNext = true,
        };
    }

    private static DataBatch ToDataBatch(object? batch, Type loader) => batch switch
    {
        Tensor x => new DataBatch(x),
        IList<Tensor> list => Positional(list.ToArray(), loader),
        IReadOnlyDictionary<string, Tensor> named => Named(named, loader),
        ITuple tuple when Enumerable.Range(0, tuple.Length).All(i => tuple[i] is Tensor or null) =>
            Positional(Enumerable.Range(0, tuple.Length).Select(i => (Tensor?)tuple[i]).ToArray(), loader),
        _ => throw new ArgumentException(
            $"Unsupported batch from {loader.Name}: expected a tensor, a list or tuple of tensors (x, y, sample_weight), or a dictionary " +
            $"of tensors; received {batch?.GetType().Name ?? "null"}."),
    };

    private static DataBatch Positional(Tensor?[] parts, Type loader) => parts switch
    {
        [{ } x] => new DataBatch(x),
        [{ } x, var y] => new DataBatch(x, Optional(y)),
        [{ } x, var y, var w] => new DataBatch(x, Optional(y), Optional(w)),
        _ => throw new ArgumentException(
            $"A batch from {loader.Name} must hold (x), (x, y) or (x, y, sample_weight) tensors; received {parts.Length} item(s)" +
            (parts.Length is >= 1 and <= 3 ? " with no x." : "."))
    };

    private static DataBatch Named(IReadOnlyDictionary<string, Tensor> batch, Type loader)
    {
        var x = batch.GetValueOrDefault("x") ?? batch.GetValueOrDefault("data");
        var unknown = batch.Keys.Except(["x", "y", "sample_weight", "data", "label"]).ToList();
        if (x is null || unknown.Count > 0)
        {
            throw new ArgumentException(
                $"A dictionary batch from {loader.Name} must have the keys x (or data), and optionally y (or label) and sample_weight; " +
                $"received the keys [{string.Join(", ", batch.Keys)}].");
        }

        return new DataBatch(x, Optional(batch.GetValueOrDefault("y") ?? batch.GetValueOrDefault("label")),
            Optional(batch.GetValueOrDefault("sample_weight")));
    }

    // A missing tensor is no array, not an array that wraps null.
    private static ArrayLike? Optional(Tensor? t) => t is null ? null : (ArrayLike)t;
}
