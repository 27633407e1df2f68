using System.Collections;
using System.Runtime.CompilerServices;

namespace DeepKeras.Layers;

/// <summary>
/// The size of a recurrent cell's states or output, as Keras writes <c>state_size</c> and <c>output_size</c>: an integer
/// (one tensor <c>(batch, n)</c>), a shape (one tensor <c>(batch, d1, d2, …)</c>), or a list of sizes, nested as deep as
/// needed. An <see cref="LSTMCell"/> has <c>[units, units]</c> (h and c); a <see cref="StackedRNNCells"/> of an
/// LSTMCell(4) and a GRUCell(3) has <c>[[4, 4], 3]</c>.
/// </summary>
/// <remarks>
/// The tensors themselves travel flat: a cell receives and returns one tensor per leaf, in the order of
/// <see cref="Flatten"/> (depth first).
/// </remarks>
/// <example><code>
/// NestedSize one = 32;                  // a single state (batch, 32)
/// NestedSize two = [32, 32];            // h and c
/// NestedSize nested = [10, (20, 30)];   // (batch, 10) and (batch, 20, 30)
/// </code></example>
[CollectionBuilder(typeof(NestedSize), nameof(Create))]
public sealed class NestedSize : IReadOnlyList<NestedSize>, IEquatable<NestedSize>
{
    private readonly NestedSize[] _items;

    private NestedSize(Shape? leaf, NestedSize[] items)
    {
        Leaf = leaf;
        _items = items;
    }

    /// <summary>Gets the shape of a single tensor without its batch axis, or null when this size is a list.</summary>
    public Shape? Leaf { get; }

    /// <summary>Gets whether this size is a list of sizes (rather than one tensor).</summary>
    public bool IsList => Leaf is null;

    /// <summary>Gets the number of items of a list (0 for a single tensor).</summary>
    public int Count => _items.Length;

    /// <summary>Gets an item of a list.</summary>
    /// <param name="index">The item's position.</param>
    public NestedSize this[int index] => _items[index];

    /// <summary>Creates the size of one tensor <c>(batch, size)</c>.</summary>
    /// <param name="size">The positive size.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive.</exception>
    public static NestedSize Of(int size) => Of(new Shape(size));

    /// <summary>Creates the size of one tensor <c>(batch, dims…)</c>.</summary>
    /// <param name="shape">The tensor's shape without the batch axis; every dimension known and positive.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is unknown or not positive, or the shape is empty.</exception>
    public static NestedSize Of(Shape shape)
    {
        if (shape.Rank == 0 || shape.Dims.Any(d => d is not > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape.ToString(),
                $"A recurrent state or output size must be a positive integer or a shape of positive integers. Received: {shape}");
        }

        return new NestedSize(shape, []);
    }

    /// <summary>Creates a list of sizes (used by collection expressions such as <c>[units, units]</c>).</summary>
    /// <param name="items">The items.</param>
    public static NestedSize Create(ReadOnlySpan<NestedSize> items) => List(items.ToArray());

    /// <summary>Creates a list of sizes.</summary>
    /// <param name="items">The items.</param>
    public static NestedSize List(IEnumerable<NestedSize> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.ToArray();
        if (array.Any(i => i is null))
        {
            throw new ArgumentException("A list of recurrent sizes cannot contain null.", nameof(items));
        }

        return new NestedSize(null, array);
    }

    /// <summary>Returns the shapes of the tensors, depth first (without the batch axis).</summary>
    public IReadOnlyList<Shape> Flatten()
    {
        var leaves = new List<Shape>();
        Collect(this, leaves);
        return leaves;
    }

    /// <summary>Creates the size of one tensor <c>(batch, size)</c>.</summary>
    /// <param name="size">The positive size.</param>
    public static implicit operator NestedSize(int size) => Of(size);

    /// <summary>Creates the size of one tensor with the given shape (without the batch axis).</summary>
    /// <param name="shape">The shape.</param>
    public static implicit operator NestedSize(Shape shape) => Of(shape);

    /// <summary>Creates the size of one tensor <c>(batch, d1, d2)</c>.</summary>
    /// <param name="dims">The two dimensions.</param>
    public static implicit operator NestedSize((int, int) dims) => Of(new Shape(dims.Item1, dims.Item2));

    /// <summary>Creates the size of one tensor <c>(batch, d1, d2, d3)</c>.</summary>
    /// <param name="dims">The three dimensions.</param>
    public static implicit operator NestedSize((int, int, int) dims) => Of(new Shape(dims.Item1, dims.Item2, dims.Item3));

    /// <inheritdoc/>
    public IEnumerator<NestedSize> GetEnumerator() => ((IEnumerable<NestedSize>)_items).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(NestedSize? other) =>
        other is not null && Nullable.Equals(Leaf, other.Leaf) && _items.SequenceEqual(other._items);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NestedSize);

    /// <inheritdoc/>
    public override int GetHashCode() => _items.Aggregate(Leaf?.GetHashCode() ?? 17, (h, i) => HashCode.Combine(h, i));

    /// <summary>Keras's notation: <c>32</c>, <c>(20, 30)</c>, <c>[[4, 4], 3]</c>.</summary>
    public override string ToString() => Leaf is { } leaf
        ? leaf.Rank == 1 ? leaf[0]!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : leaf.ToString()
        : "[" + string.Join(", ", _items.Select(i => i.ToString())) + "]";

    private static void Collect(NestedSize size, List<Shape> leaves)
    {
        if (size.Leaf is { } leaf)
        {
            leaves.Add(leaf);
            return;
        }

        foreach (var item in size._items)
        {
            Collect(item, leaves);
        }
    }
}
