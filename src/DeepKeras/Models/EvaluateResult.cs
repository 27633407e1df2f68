using System.Collections;

namespace DeepKeras.Models;

/// <summary>
/// The result of <c>Evaluate</c>: the loss followed by the metrics in compile order, with their names. Deconstructs
/// like Keras's list: <c>var (loss, accuracy) = model.Evaluate(x, y);</c>.
/// </summary>
public sealed class EvaluateResult : IReadOnlyList<double>
{
    private readonly List<KeyValuePair<string, double>> _items;

    internal EvaluateResult(IEnumerable<KeyValuePair<string, double>> items) => _items = items.ToList();

    /// <summary>Gets the loss (the first value).</summary>
    public double Loss => _items.Count > 0 ? _items[0].Value : double.NaN;

    /// <summary>Gets the names, in order (<c>loss</c>, then metrics).</summary>
    public IReadOnlyList<string> Names => _items.Select(i => i.Key).ToList();

    /// <summary>Gets a value by position.</summary>
    /// <param name="index">0 is the loss.</param>
    public double this[int index] => index >= 0 && index < _items.Count
        ? _items[index].Value
        : throw new ArgumentOutOfRangeException(nameof(index), index,
            $"Evaluate returned {_items.Count} value(s) ({string.Join(", ", Names)}); there is no value at position {index}. " +
            "Pass `metrics` to Compile to get metric values, or read `Loss`.");

    /// <summary>Gets a value by name (<c>loss</c>, <c>accuracy</c>, …).</summary>
    /// <param name="name">The metric name.</param>
    public double this[string name] => _items.FirstOrDefault(i => i.Key == name) is { Key: not null } kv
        ? kv.Value
        : throw new KeyNotFoundException($"No result named '{name}'. Available: {string.Join(", ", Names)}.");

    /// <inheritdoc/>
    public int Count => _items.Count;

    /// <summary>Returns the results as a dictionary (Keras <c>return_dict=True</c>).</summary>
    public Dictionary<string, double> ToDictionary() => _items.ToDictionary(i => i.Key, i => i.Value);

    /// <summary>Deconstructs into loss and one metric.</summary>
    /// <param name="loss">The loss.</param>
    /// <param name="metric">The first metric.</param>
    public void Deconstruct(out double loss, out double metric)
    {
        loss = this[0];
        metric = this[1];
    }

    /// <summary>Deconstructs into loss and two metrics.</summary>
    /// <param name="loss">The loss.</param>
    /// <param name="metric1">The first metric.</param>
    /// <param name="metric2">The second metric.</param>
    public void Deconstruct(out double loss, out double metric1, out double metric2)
    {
        loss = this[0];
        metric1 = this[1];
        metric2 = this[2];
    }

    /// <inheritdoc/>
    public IEnumerator<double> GetEnumerator() => _items.Select(i => i.Value).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", _items.Select(i => $"{i.Key}: {i.Value:0.####}")) + "]";
}
