namespace DeepKeras.Datasets;

/// <summary>A Python tuple read from a pickle.</summary>
/// <param name="Items">The items.</param>
internal sealed record PickleTuple(object?[] Items)
{
    /// <summary>Gets the number of items.</summary>
    public int Count => Items.Length;

    /// <summary>Gets an item.</summary>
    public object? this[int index] => Items[index];
}
