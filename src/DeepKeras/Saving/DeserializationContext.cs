namespace DeepKeras.Saving;

/// <summary>What a deserialization needs to know: the file (for messages), the caller's custom objects, safe mode.</summary>
/// <param name="filePath">The file being loaded, named in every error.</param>
/// <param name="customObjects">
/// Class or function name → <see cref="Type"/> (recreated through its constructor), a <c>Func&lt;Tensor, Tensor&gt;</c>
/// (Lambda bodies, activations) or a <c>Func&lt;IReadOnlyDictionary&lt;string, object?&gt;, object&gt;</c> factory.
/// </param>
/// <param name="safeMode">When true, configs that would need code from the file (Python lambdas) are refused.</param>
internal sealed class DeserializationContext(string filePath, IReadOnlyDictionary<string, object>? customObjects, bool safeMode)
{
    /// <summary>Gets the file being loaded.</summary>
    public string FilePath { get; } = filePath;

    /// <summary>Gets the caller's custom objects, if any.</summary>
    public IReadOnlyDictionary<string, object>? CustomObjects { get; } = customObjects;

    /// <summary>Gets whether safe mode is on.</summary>
    public bool SafeMode { get; } = safeMode;

    /// <summary>Creates the exception for a problem in the file.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="inner">The cause, if any.</param>
    public KerasFileException Fail(string problem, Exception? inner = null) => new(FilePath, problem, inner);

    /// <summary>
    /// Looks up a custom object by one of its names: in the open <see cref="CustomObjectScope"/> first (as Keras does),
    /// then in the caller's custom objects.
    /// </summary>
    public object? Custom(params string?[] names)
    {
        foreach (var objects in new[] { CustomObjectScope.Current, CustomObjects })
        {
            foreach (var n in names)
            {
                if (objects is not null && n is not null && objects.TryGetValue(n, out var value))
                {
                    return value;
                }
            }
        }

        return null;
    }
}
