using static TorchSharp.torch;

namespace DeepKeras.Saving;

/// <summary>
/// Makes custom classes and functions resolvable by name while it is open (Keras
/// <c>keras.saving.custom_object_scope</c> / <c>CustomObjectScope</c>): <c>LoadModel</c>, <c>ModelFromJson</c>,
/// <c>FromConfig</c>, <c>CloneModel</c> and <c>DeserializeKerasObject</c> find them as if passed in
/// <c>customObjects</c>. Disposing it restores the objects that were visible before.
/// </summary>
/// <remarks>
/// As in Keras, a scope replaces the objects of an enclosing scope rather than adding to them, and it applies to the
/// current thread and the asynchronous calls that flow from it. Global registrations
/// (<c>Keras.Saving.RegisterKerasSerializable</c>) are not affected.
/// </remarks>
/// <example><code>
/// using (Keras.Saving.CustomObjectScope(new Dictionary&lt;string, object&gt; { ["ScaleBy"] = typeof(ScaleBy) }))
/// {
///     var model = Keras.Models.LoadModel("scaled.keras");
/// }
/// </code></example>
public sealed class CustomObjectScope : IDisposable
{
    private static readonly AsyncLocal<IReadOnlyDictionary<string, object>?> Scope = new();
    private readonly IReadOnlyDictionary<string, object>? _previous;
    private bool _disposed;

    /// <summary>Opens a scope.</summary>
    /// <param name="customObjects">
    /// Class or function name (the registered name or the class name in a config) → a <see cref="Type"/> (a layer,
    /// model, initializer, regularizer, optimizer, schedule, loss or metric class), a <c>Func&lt;Tensor, Tensor&gt;</c>
    /// (Lambda bodies, activations) or a <c>Func&lt;IReadOnlyDictionary&lt;string, object?&gt;, object&gt;</c> factory.
    /// </param>
    /// <exception cref="ArgumentException">A value is none of these.</exception>
    public CustomObjectScope(IReadOnlyDictionary<string, object> customObjects)
    {
        ArgumentNullException.ThrowIfNull(customObjects);
        foreach (var (name, value) in customObjects)
        {
            if (!IsCustomObject(value))
            {
                throw new ArgumentException(
                    $"Custom object '{name}' must be a Layer, Model, Initializer, Regularizer, Optimizer, LearningRateSchedule, Loss or Metric " +
                    $"type, a Func<Tensor, Tensor> or a factory Func<IReadOnlyDictionary<string, object?>, object>. Received: {value?.GetType().Name ?? "null"}",
                    nameof(customObjects));
            }
        }

        CustomObjects = customObjects.ToDictionary(kv => kv.Key, kv => kv.Value);
        _previous = Scope.Value;
        Scope.Value = CustomObjects;
    }

    /// <summary>Gets the objects this scope makes visible.</summary>
    public IReadOnlyDictionary<string, object> CustomObjects { get; }

    /// <summary>Gets the objects of the innermost open scope, or null outside any scope.</summary>
    internal static IReadOnlyDictionary<string, object>? Current => Scope.Value;

    /// <summary>Closes the scope: the objects visible before it was opened are visible again.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            Scope.Value = _previous;
            _disposed = true;
        }
    }

    /// <summary>Whether a value can be a custom object.</summary>
    internal static bool IsCustomObject(object? value) => value switch
    {
        Type t => ObjectKinds.Of(t) is { } kind && kind != ObjectKind.Function && !t.IsAbstract,
        Func<Tensor, Tensor> or Func<IReadOnlyDictionary<string, object?>, object> => true,
        _ => false,
    };
}
