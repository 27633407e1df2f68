using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Training;

/// <summary>
/// Any array a model accepts: a NumSharp <see cref="NDArray"/>, a TorchSharp <see cref="Tensor"/> or a .NET array
/// (<c>float[]</c>, <c>float[,]</c>, <c>float[,,,]</c>, <c>int[]</c>, <c>byte[,,]</c>, …). An array of such arrays
/// (<c>new[] { xA, xB }</c>) means one array per model input or output, in order; a dictionary
/// (<c>new Dictionary&lt;string, ArrayLike&gt; { ["title"] = titles, ["body"] = bodies }</c>) gives them by input or
/// output name, as Keras's dict data. Conversion is implicit.
/// </summary>
public sealed class ArrayLike
{
    private readonly Func<string, Tensor[]> _convert;
    private readonly Tensor[] _borrowed;
    private readonly ArrayLike[] _parts;
    private Tensor[]? _tensors;

    // A value either converts the caller's data into tensors it owns, or passes the caller's tensors through
    // (borrowed), or joins other values (parts), whose tensors stay theirs.
    private ArrayLike(Func<string, Tensor[]> convert, Tensor[]? borrowed = null, ArrayLike[]? parts = null)
    {
        _convert = convert;
        _borrowed = borrowed ?? [];
        _parts = parts ?? [];
    }

    private ArrayLike(IReadOnlyDictionary<string, ArrayLike> byName)
        : this(n => byName.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value.ToTensors($"{n}['{kv.Key}']")).ToArray(),
            parts: [.. byName.Values]) =>
        ByName = byName;

    /// <summary>Gets the arrays by name when a dictionary was given, else null.</summary>
    internal IReadOnlyDictionary<string, ArrayLike>? ByName { get; }

    /// <summary>Converts to CPU tensors (cached); <paramref name="argName"/> names the argument in errors.</summary>
    internal Tensor[] ToTensors(string argName)
    {
        if (_tensors is null)
        {
            _tensors = _convert(argName);
            foreach (var t in _tensors)
            {
                t.DetachFromDisposeScope();
            }
        }

        return _tensors;
    }

    /// <summary>Gets the caller's own tensors that this value passes through (never freed by a model).</summary>
    internal IEnumerable<Tensor> Borrowed => _borrowed.Concat(_parts.SelectMany(p => p.Borrowed));

    /// <summary>Frees the tensors this value converted from the caller's arrays; the next use converts again.</summary>
    internal void Release()
    {
        if (_tensors is not null && _borrowed.Length == 0 && _parts.Length == 0)
        {
            foreach (var t in _tensors)
            {
                t.Dispose();
            }
        }

        _tensors = null;
        foreach (var part in _parts)
        {
            part.Release();
        }
    }

    /// <summary>Wraps a NumSharp array.</summary>
    public static implicit operator ArrayLike(NDArray array) => new(n => [TensorConvert.ToTensor(array, n)]);

    /// <summary>Wraps a TorchSharp tensor (not copied).</summary>
    public static implicit operator ArrayLike(Tensor tensor) => new(_ => [tensor], borrowed: [tensor]);

    /// <summary>Wraps a .NET array, or an array of arrays (one per model input/output).</summary>
    public static implicit operator ArrayLike(Array array) => array switch
    {
        Tensor[] tensors => new(_ => tensors, borrowed: tensors),
        ArrayLike[] parts => Many(parts),
        _ => new(n => FromArray(array, n)),
    };

    /// <summary>Wraps arrays keyed by model input or output name (Keras's dict data).</summary>
    /// <param name="arrays">The arrays by name.</param>
    public static implicit operator ArrayLike(Dictionary<string, ArrayLike> arrays) =>
        new(new Dictionary<string, ArrayLike>(arrays ?? throw new ArgumentNullException(nameof(arrays))));

    /// <summary>Wraps NumSharp arrays keyed by model input or output name (Keras's dict data).</summary>
    /// <param name="arrays">The arrays by name.</param>
    public static implicit operator ArrayLike(Dictionary<string, NDArray> arrays) =>
        new((arrays ?? throw new ArgumentNullException(nameof(arrays))).ToDictionary(kv => kv.Key, kv => (ArrayLike)kv.Value));

    /// <summary>Wraps tensors keyed by model input or output name.</summary>
    /// <param name="arrays">The tensors by name.</param>
    public static implicit operator ArrayLike(Dictionary<string, Tensor> arrays) =>
        new((arrays ?? throw new ArgumentNullException(nameof(arrays))).ToDictionary(kv => kv.Key, kv => (ArrayLike)kv.Value));

    /// <summary>Wraps several arrays (one per model input/output).</summary>
    public static ArrayLike Many(params ArrayLike[] arrays) =>
        new(n => arrays.SelectMany((a, i) => a.ToTensors($"{n}[{i}]")).ToArray(), parts: arrays);

    /// <summary>
    /// Returns the arrays of a dictionary in the order of <paramref name="names"/> as a positional value (this value
    /// itself when it is not a dictionary).
    /// </summary>
    /// <param name="names">The model's input or output names, in order.</param>
    /// <param name="argName">The argument, for errors (<c>x</c>, <c>y</c>).</param>
    /// <param name="what">What the names are, for errors (<c>input</c>, <c>output</c>).</param>
    /// <param name="allowExtra">Whether keys beyond <paramref name="names"/> are ignored (Keras ignores extra input keys).</param>
    /// <exception cref="ArgumentException">A name has no entry, or (unless allowed) a key names nothing; the message lists both.</exception>
    internal ArrayLike InOrderOf(IReadOnlyList<string> names, string argName, string what, bool allowExtra)
    {
        if (ByName is not { } byName)
        {
            return this;
        }

        string Keys(IEnumerable<string> keys) => "[" + string.Join(", ", keys.Select(k => $"'{k}'")) + "]";
        foreach (var name in names.Where(n => !byName.ContainsKey(n)))
        {
            throw new ArgumentException(
                $"Missing data for {what} \"{name}\". You passed a data dictionary with keys {Keys(byName.Keys)}. " +
                $"Expected the following keys: {Keys(names)}", argName);
        }

        if (!allowExtra && byName.Keys.FirstOrDefault(k => !names.Contains(k)) is { } extra)
        {
            throw new ArgumentException(
                $"The data dictionary `{argName}` has an entry '{extra}' that matches no {what} of the model. " +
                $"You passed keys {Keys(byName.Keys)}. Expected the following keys: {Keys(names)}", argName);
        }

        return new(n => names.SelectMany(k => byName[k].ToTensors($"{n}['{k}']")).ToArray(), parts: [.. names.Select(k => byName[k])]);
    }

    private static Tensor[] FromArray(Array array, string name) => array switch
    {
        NDArray[] list => list.Select((a, i) => TensorConvert.ToTensor(a, $"{name}[{i}]")).ToArray(),
        Array[] list when array.GetType() == typeof(Array[]) =>
            list.Select((a, i) => TensorConvert.ToTensor(a, $"{name}[{i}]")).ToArray(),
        Array[] rows => [TensorConvert.StackRows(rows, name, TensorConvert.ToTensor)],
        _ => [TensorConvert.ToTensor(array, name)],
    };
}
