using System.Runtime.CompilerServices;
using DeepKeras.Layers;
using static TorchSharp.torch;

namespace DeepKeras.Training;

/// <summary>
/// Carries string data through the tensor-based data pipeline (batching, shuffling, validation split, device moves): a
/// string array given to <c>Fit</c>, <c>Evaluate</c> or <c>Predict</c> becomes an int64 tensor of handles into a host-side
/// table, and a model turns the handles back into strings only where its graph declares a string <c>Input</c>
/// (<c>Keras.Input(dtype: "string")</c>), right before the string layer (<c>TextVectorization</c>, <c>StringLookup</c>,
/// <c>Hashing</c>) that the input feeds. Integer data never goes through the decoder, so no integer value can be read as a
/// string; a handle tensor that reaches a non-string input, or a non-handle tensor that reaches a string input, is an error.
/// </summary>
/// <remarks>
/// A handle holds a tag in its top 16 bits, a table id in the next 16 and the string's row-major position in the low 32.
/// A table lives as long as the handle tensor made from the user's array (which the data adapter and the cached
/// <see cref="ArrayLike"/> conversion hold for the whole call), and the most recent <see cref="RecentTables"/> tables are
/// also held strongly (batches of a user sequence are prefetched after their source is dropped). Decoding the handles of a
/// collected table throws an error that says so.
/// </remarks>
internal static class StringHandles
{
    /// <summary>How many of the most recent tables are held whatever their source's lifetime.</summary>
    public const int RecentTables = 16;

    private const long Tag = 0x5354L << 48;
    private const long TagMask = unchecked((long)0xFFFF000000000000UL);
    private const int MaxTables = 1 << 16;
    private static readonly ConditionalWeakTable<Tensor, string[]> BySource = [];
    private static readonly Dictionary<int, WeakReference<string[]>> Tables = [];
    private static readonly Queue<string[]> Recent = new();
    private static readonly Lock Gate = new();
    private static int _nextId;

    /// <summary>The handle tensor of a string array (any rank), on the CPU.</summary>
    /// <exception cref="ArgumentException">A null string, or more than 2³² strings.</exception>
    public static Tensor Encode(Array strings, string argName)
    {
        var values = new string[strings.Length];
        var i = 0;
        foreach (var item in strings)
        {
            values[i++] = item as string ?? throw new ArgumentException(
                $"`{argName}` holds a null string at flat position {i - 1}; use \"\" for empty text.", argName);
        }

        if ((ulong)values.LongLength > uint.MaxValue)
        {
            throw new ArgumentException($"`{argName}` holds {values.LongLength} strings; at most {uint.MaxValue} fit in one array.", argName);
        }

        var id = Register(values);
        var handles = new long[values.Length];
        for (var k = 0; k < handles.Length; k++)
        {
            handles[k] = Tag | ((long)id << 32) | (uint)k;
        }

        var shape = Enumerable.Range(0, strings.Rank).Select(d => (long)strings.GetLength(d)).ToArray();
        var result = tensor(handles, shape, ScalarType.Int64);
        BySource.Add(result, values);
        return result;
    }

    /// <summary>
    /// Whether <paramref name="t"/> is a handle tensor made by <see cref="Encode"/> from a string array (known by identity,
    /// so integer data is never taken for strings, whatever its values).
    /// </summary>
    public static bool IsHandles(Tensor t) => BySource.TryGetValue(t, out _);

    /// <summary>
    /// Returns <paramref name="derived"/>, a tensor made from <paramref name="source"/> (a slice, a reshape) that the data
    /// pipeline keeps instead of it: when the source holds string handles, their table now lives as long as either tensor.
    /// </summary>
    public static Tensor Derive(Tensor source, Tensor derived)
    {
        if (BySource.TryGetValue(source, out var values))
        {
            BySource.AddOrUpdate(derived, values);
        }

        return derived;
    }

    /// <summary>
    /// The strings behind the handle tensor <paramref name="t"/> that reached the string input of <paramref name="layer"/>,
    /// shaped like it.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor holds no string handles (numbers fed to a string input).</exception>
    /// <exception cref="InvalidOperationException">The string array behind the handles was released.</exception>
    public static Array Decode(Tensor t, Layer layer)
    {
        string NotStrings() =>
            $"Layer \"{layer.Name}\" ({layer.ClassName}) is fed by a string Input (dtype \"string\"), but it received a {t.dtype} tensor " +
            "of numbers. Pass the texts as a string array (string[] or string[,]) to the model.";

        if (t.dtype != ScalarType.Int64)
        {
            throw new ArgumentException(NotStrings(), "inputs");
        }

        using var cpu = t.cpu().contiguous();
        var handles = cpu.data<long>().ToArray();
        var values = new string[handles.Length];
        lock (Gate)
        {
            for (var k = 0; k < handles.Length; k++)
            {
                if ((handles[k] & TagMask) != Tag)
                {
                    throw new ArgumentException(NotStrings(), "inputs");
                }

                var id = (int)((handles[k] >> 32) & 0xFFFF);
                if (!Tables.TryGetValue(id, out var weak) || !weak.TryGetTarget(out var table))
                {
                    throw new InvalidOperationException(
                        $"Layer \"{layer.Name}\" ({layer.ClassName}) received string handles whose string array was released: the handle " +
                        "tensors made from a string array are only valid while that array's conversion is alive. Pass the string array to " +
                        "the model call again.");
                }

                values[k] = table[(int)(handles[k] & 0xFFFFFFFF)];
            }
        }

        return StringArrays.Shape(values, cpu.shape);
    }

    private static int Register(string[] values)
    {
        lock (Gate)
        {
            foreach (var dead in Tables.Where(kv => !kv.Value.TryGetTarget(out _)).Select(kv => kv.Key).ToList())
            {
                Tables.Remove(dead);
            }

            if (Tables.Count >= MaxTables)
            {
                throw new InvalidOperationException(
                    $"More than {MaxTables} string arrays are in use by models at once; release some (they are freed with their conversions).");
            }

            while (Tables.ContainsKey(_nextId))
            {
                _nextId = (_nextId + 1) % MaxTables;
            }

            var id = _nextId;
            _nextId = (_nextId + 1) % MaxTables;
            Tables[id] = new WeakReference<string[]>(values);
            Recent.Enqueue(values);
            if (Recent.Count > RecentTables)
            {
                Recent.Dequeue();
            }

            return id;
        }
    }
}
