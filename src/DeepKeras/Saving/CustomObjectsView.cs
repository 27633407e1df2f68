using System.Collections;
using static TorchSharp.torch;

namespace DeepKeras.Saving;

/// <summary>
/// The global custom objects as a live dictionary (Keras <c>get_custom_objects()</c>): registered name → class or
/// function. Adding an entry registers it, removing one unregisters it; scopes are not included.
/// </summary>
internal sealed class CustomObjectsView : IDictionary<string, object>
{
    /// <inheritdoc/>
    public ICollection<string> Keys => Snapshot.Keys.ToList();

    /// <inheritdoc/>
    public ICollection<object> Values => Snapshot.Values.ToList();

    /// <inheritdoc/>
    public int Count => Snapshot.Count;

    /// <inheritdoc/>
    public bool IsReadOnly => false;

    private static IReadOnlyDictionary<string, object> Snapshot => ObjectRegistry.CustomObjects();

    /// <inheritdoc/>
    public object this[string key]
    {
        get => Snapshot.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No custom object is registered as '{key}'.");
        set => Register(key, value);
    }

    /// <inheritdoc/>
    public void Add(string key, object value)
    {
        if (ContainsKey(key))
        {
            throw new ArgumentException($"A custom object is already registered as '{key}'.", nameof(key));
        }

        Register(key, value);
    }

    /// <inheritdoc/>
    public void Add(KeyValuePair<string, object> item) => Add(item.Key, item.Value);

    /// <inheritdoc/>
    public void Clear() => ObjectRegistry.Unregister(null);

    /// <inheritdoc/>
    public bool Contains(KeyValuePair<string, object> item) => Snapshot.TryGetValue(item.Key, out var v) && Equals(v, item.Value);

    /// <inheritdoc/>
    public bool ContainsKey(string key) => Snapshot.ContainsKey(key);

    /// <inheritdoc/>
    public void CopyTo(KeyValuePair<string, object>[] array, int arrayIndex) => Snapshot.ToList().CopyTo(array, arrayIndex);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => Snapshot.GetEnumerator();

    /// <inheritdoc/>
    public bool Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ObjectRegistry.Unregister(key);
    }

    /// <inheritdoc/>
    public bool Remove(KeyValuePair<string, object> item) => Contains(item) && Remove(item.Key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out object value)
    {
        var found = Snapshot.TryGetValue(key, out var v);
        value = v!;
        return found;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void Register(string key, object value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        switch (value)
        {
            case Type type when CustomObjectScope.IsCustomObject(type):
                ObjectRegistry.Unregister(key);
                ObjectRegistry.Register(type, key);
                break;
            case Func<Tensor, Tensor> function:
                ObjectRegistry.Unregister(key);
                ObjectRegistry.RegisterFunction(key, function);
                break;
            default:
                throw new ArgumentException(
                    $"Custom object '{key}' must be a Layer, Model, Initializer, Regularizer, Optimizer, LearningRateSchedule, Loss or Metric " +
                    $"type or a Func<Tensor, Tensor>. Received: {value?.GetType().Name ?? "null"}", nameof(value));
        }
    }
}
