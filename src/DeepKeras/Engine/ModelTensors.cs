using System.Collections;
using System.Runtime.CompilerServices;

namespace DeepKeras.Engine;

/// <summary>
/// The symbolic inputs or outputs of a functional model, as Keras accepts them: one tensor, a list, or a dictionary
/// keyed by name. Converted implicitly, so <c>Keras.Model(x, [a, b, c])</c> and
/// <c>Keras.Model(inputs, new Dictionary&lt;string, KerasTensor&gt; { ["priority"] = p, ["department"] = d })</c> both work.
/// </summary>
/// <remarks>
/// A dictionary is flattened in the order of its sorted keys, as Keras flattens it: that is the order of
/// <see cref="Models.Model.Inputs"/>/<see cref="Models.Model.Outputs"/>, of positional data and of the list that
/// <c>ApplyAll</c> returns. A model with dictionary outputs names its losses, metrics and predictions after the keys.
/// </remarks>
[CollectionBuilder(typeof(ModelTensors), nameof(Create))]
public sealed class ModelTensors : IReadOnlyList<KerasTensor>
{
    private readonly KerasTensor[] _tensors;

    private ModelTensors(KerasTensor[] tensors, string[]? keys)
    {
        if (tensors.Any(t => t is null))
        {
            throw new ArgumentException("A functional model's inputs and outputs must be symbolic tensors; received a null entry.");
        }

        _tensors = tensors;
        Keys = keys;
    }

    /// <summary>Gets the dictionary keys in flattened (sorted) order, or null when the tensors were given as a tensor or a list.</summary>
    public IReadOnlyList<string>? Keys { get; }

    /// <summary>Gets whether the tensors were given as a dictionary keyed by name.</summary>
    public bool IsDictionary => Keys is not null;

    /// <inheritdoc/>
    public int Count => _tensors.Length;

    /// <inheritdoc/>
    public KerasTensor this[int index] => _tensors[index];

    /// <summary>Creates a list of tensors (the collection-expression form <c>[a, b]</c>).</summary>
    /// <param name="tensors">The tensors in order.</param>
    public static ModelTensors Create(ReadOnlySpan<KerasTensor> tensors) => new(tensors.ToArray(), null);

    /// <summary>Wraps one tensor.</summary>
    /// <param name="tensor">The tensor.</param>
    public static implicit operator ModelTensors(KerasTensor tensor) => new([tensor], null);

    /// <summary>Wraps a list of tensors.</summary>
    /// <param name="tensors">The tensors in order.</param>
    public static implicit operator ModelTensors(KerasTensor[] tensors) => new(tensors.ToArray(), null);

    /// <summary>Wraps a list of tensors.</summary>
    /// <param name="tensors">The tensors in order.</param>
    public static implicit operator ModelTensors(List<KerasTensor> tensors) => new(tensors.ToArray(), null);

    /// <summary>Wraps tensors keyed by name; they are ordered by sorted key, as Keras flattens a dictionary.</summary>
    /// <param name="tensors">The tensors by name.</param>
    public static implicit operator ModelTensors(Dictionary<string, KerasTensor> tensors) => FromDictionary(tensors);

    /// <summary>Wraps tensors keyed by name; they are ordered by sorted key, as Keras flattens a dictionary.</summary>
    /// <param name="tensors">The tensors by name.</param>
    /// <exception cref="ArgumentException">The dictionary is empty.</exception>
    public static ModelTensors FromDictionary(IReadOnlyDictionary<string, KerasTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var keys = tensors.Keys.Order(StringComparer.Ordinal).ToArray();
        return new(keys.Select(k => tensors[k]).ToArray(), keys);
    }

    /// <summary>Wraps a list of tensors (an existing list is not copied into a dictionary form).</summary>
    internal static ModelTensors Of(IReadOnlyList<KerasTensor> tensors) =>
        tensors as ModelTensors ?? new(tensors.ToArray(), null);

    /// <inheritdoc/>
    public IEnumerator<KerasTensor> GetEnumerator() => ((IEnumerable<KerasTensor>)_tensors).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
