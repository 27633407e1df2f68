using System.Collections;
using NumSharp;

namespace DeepKeras.Models;

/// <summary>
/// The predictions of every output of a model (<c>Model.PredictAll</c>), as Keras's <c>predict</c> returns them for
/// several outputs: a list in output order, or — for a model built with dictionary outputs — a dictionary keyed by
/// output name (<see cref="IsDictionary"/>). Every output can be read by position and by name.
/// </summary>
/// <example><code>
/// var (priority, department) = model.PredictAll(new Dictionary&lt;string, ArrayLike&gt; { ["title"] = t, ["body"] = b, ["tags"] = g });
/// NDArray scores = model.PredictAll(x)["priority"];
/// </code></example>
// The arrays are handed to the caller as Predict's NDArray is; they hold managed memory that the GC frees (see NDW012 in
// Directory.Build.props), so this read-only view owns nothing to dispose.
#pragma warning disable NDW016
public sealed class Predictions : IReadOnlyList<NDArray>
#pragma warning restore NDW016
{
    private readonly NDArray[] _arrays;

    internal Predictions(NDArray[] arrays, IReadOnlyList<string> names, bool isDictionary)
    {
        _arrays = arrays;
        Names = names;
        IsDictionary = isDictionary;
    }

    /// <summary>Gets the output names (the keys of dictionary outputs, otherwise the output layers' names), in output order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Gets whether Keras would return a dictionary (the model's outputs were given as a dictionary) rather than a list.</summary>
    public bool IsDictionary { get; }

    /// <inheritdoc/>
    public int Count => _arrays.Length;

    /// <summary>Gets the predictions of an output by position (output order; sorted keys for dictionary outputs).</summary>
    /// <param name="index">The output's position.</param>
    public NDArray this[int index] => index >= 0 && index < _arrays.Length
        ? _arrays[index]
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"The model has {_arrays.Length} output(s) ({string.Join(", ", Names)}).");

    /// <summary>Gets the predictions of an output by name.</summary>
    /// <param name="name">The output's name.</param>
    /// <exception cref="KeyNotFoundException">No output has that name; the message lists the names.</exception>
    public NDArray this[string name]
    {
        get
        {
            for (var i = 0; i < _arrays.Length && i < Names.Count; i++)
            {
                if (Names[i] == name)
                {
                    return _arrays[i];
                }
            }

            throw new KeyNotFoundException($"No output named '{name}'. The model's outputs are: {string.Join(", ", Names)}.");
        }
    }

    /// <summary>Returns the predictions keyed by output name.</summary>
    public Dictionary<string, NDArray> ToDictionary() => Names.Zip(_arrays).ToDictionary(p => p.First, p => p.Second);

    /// <summary>Deconstructs the predictions of a two-output model.</summary>
    /// <param name="first">The first output's predictions.</param>
    /// <param name="second">The second output's predictions.</param>
    public void Deconstruct(out NDArray first, out NDArray second)
    {
        first = this[0];
        second = this[1];
    }

    /// <summary>Deconstructs the predictions of a three-output model.</summary>
    /// <param name="first">The first output's predictions.</param>
    /// <param name="second">The second output's predictions.</param>
    /// <param name="third">The third output's predictions.</param>
    public void Deconstruct(out NDArray first, out NDArray second, out NDArray third)
    {
        first = this[0];
        second = this[1];
        third = this[2];
    }

    /// <inheritdoc/>
    public IEnumerator<NDArray> GetEnumerator() => ((IEnumerable<NDArray>)_arrays).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
