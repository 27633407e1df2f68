using System.Collections;

namespace DeepKeras.Callbacks;

/// <summary>
/// The values passed to callbacks and stored in <see cref="History"/>: metric name → value with Keras keys
/// (<c>loss</c>, <c>accuracy</c>, <c>val_loss</c>, …). Values are read from the device only when first accessed.
/// </summary>
public sealed class Logs : IReadOnlyDictionary<string, double>
{
    private Func<IEnumerable<KeyValuePair<string, double>>>? _source;
    private Dictionary<string, double>? _values;

    /// <summary>Creates logs from known values.</summary>
    /// <param name="values">The values.</param>
    public Logs(IEnumerable<KeyValuePair<string, double>>? values = null) =>
        _values = values is null ? new() : new Dictionary<string, double>(values);

    /// <summary>Creates logs whose values are computed on first access.</summary>
    /// <param name="source">Produces the values.</param>
    public Logs(Func<IEnumerable<KeyValuePair<string, double>>> source) => _source = source;

    private Dictionary<string, double> Values
    {
        get
        {
            if (_values is null)
            {
                _values = new Dictionary<string, double>(_source!());
                _source = null;
            }

            return _values;
        }
    }

    /// <summary>Sets a value (e.g. <c>val_loss</c> or <c>learning_rate</c>).</summary>
    /// <param name="key">The key.</param>
    public double this[string key]
    {
        get => Values.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(
            $"No log entry '{key}'. Available: {string.Join(", ", Values.Keys)}.");
        set => Values[key] = value;
    }

    /// <inheritdoc/>
    public IEnumerable<string> Keys => Values.Keys;

    /// <inheritdoc/>
    IEnumerable<double> IReadOnlyDictionary<string, double>.Values => Values.Values;

    /// <inheritdoc/>
    public int Count => Values.Count;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => Values.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out double value) => Values.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, double>> GetEnumerator() => Values.GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Gets the predictions of the batch, one tensor per model output, in the logs of
    /// <see cref="Callback.OnPredictBatchEnd"/> (Keras <c>logs["outputs"]</c>); null elsewhere. The tensors belong to
    /// the batch and are freed after it: clone them (<c>t.detach().clone()</c>) to keep them.
    /// </summary>
    public IReadOnlyList<TorchSharp.torch.Tensor>? Outputs { get; init; }

    /// <summary>
    /// Returns the entries in the order of Keras's logs: the model's results sorted by name (training, then
    /// <c>val_</c>), then the entries callbacks added (<c>learning_rate</c>) in the order added.
    /// </summary>
    /// <param name="model">The model whose metric names identify its results; null: every entry is sorted.</param>
    /// <remarks>Lazy, like the logs themselves: nothing is read before the result is enumerated.</remarks>
    internal IEnumerable<KeyValuePair<string, double>> InKerasOrder(Models.Model? model)
    {
        var names = model?.MetricsNames.ToHashSet();
        bool Validation(string key) => key.StartsWith("val_", StringComparison.Ordinal);
        bool Own(string key) => names is null || names.Contains(key) || Validation(key);
        var entries = Values.ToList();
        foreach (var entry in entries.Where(kv => Own(kv.Key)).OrderBy(kv => Validation(kv.Key)).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            yield return entry;
        }

        foreach (var entry in entries.Where(kv => !Own(kv.Key)))
        {
            yield return entry;
        }
    }

    /// <summary>Returns a materialized copy (without <see cref="Outputs"/>).</summary>
    public Logs Copy() => new(Values);

    /// <inheritdoc/>
    public override string ToString() => string.Join(" - ", Values.Select(kv => $"{kv.Key}: {kv.Value:0.0000}"));
}
