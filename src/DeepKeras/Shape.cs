namespace DeepKeras;

/// <summary>
/// A tensor shape in Keras notation: a tuple of dimensions where <c>null</c> stands for an unknown size
/// (shown as <c>None</c>), e.g. the batch dimension of <c>(None, 28, 28, 1)</c>.
/// </summary>
/// <remarks>
/// Converts implicitly from an <see cref="int"/> (<c>784</c> → <c>(784,)</c>), from tuples of ints
/// (<c>(28, 28, 1)</c>) and from <c>int[]</c>/<c>long[]</c> arrays, so <c>inputShape: 784</c> and
/// <c>inputShape: (28, 28, 1)</c> both work.
/// </remarks>
public readonly struct Shape : IEquatable<Shape>
{
    private readonly int?[]? _dims;

    /// <summary>Creates a shape from its dimensions; <c>null</c> marks an unknown size.</summary>
    /// <param name="dims">The dimensions. Each known size must be zero or positive.</param>
    /// <exception cref="ArgumentException">A dimension is negative.</exception>
    public Shape(params int?[] dims)
    {
        foreach (var d in dims)
        {
            if (d is < 0)
            {
                throw new ArgumentException(
                    $"Shape dimensions must be non-negative or None. Received: {Format(dims)}", nameof(dims));
            }
        }

        _dims = (int?[])dims.Clone();
    }

    private Shape(int?[] dims, bool _) => _dims = dims;

    /// <summary>Gets the number of dimensions.</summary>
    public int Rank => _dims?.Length ?? 0;

    /// <summary>Gets a dimension; negative indices count from the end (<c>-1</c> is the last).</summary>
    /// <param name="index">The axis.</param>
    public int? this[int index] => Dims[Normalize(index)];

    /// <summary>Gets the dimensions as an array (copy).</summary>
    public int?[] ToArray() => (int?[])Dims.Clone();

    internal int?[] Dims => _dims ?? [];

    /// <summary>Gets whether every dimension is known.</summary>
    public bool IsFullyDefined => Dims.All(d => d.HasValue);

    /// <summary>Gets the product of all dimensions; throws when one is unknown.</summary>
    public long NumElements
    {
        get
        {
            long n = 1;
            foreach (var d in Dims)
            {
                n *= d ?? throw new InvalidOperationException($"Shape {this} has an unknown dimension.");
            }

            return n;
        }
    }

    /// <summary>Returns a new shape with an unknown (batch) dimension in front: <c>(28, 28)</c> → <c>(None, 28, 28)</c>.</summary>
    public Shape WithBatch(int? batch = null) => new([batch, .. Dims], true);

    /// <summary>Returns the shape without its first (batch) dimension.</summary>
    public Shape WithoutBatch() => new(Dims.Skip(1).ToArray(), true);

    /// <summary>Returns a copy where dimension <paramref name="index"/> is <paramref name="value"/>.</summary>
    public Shape With(int index, int? value)
    {
        var d = ToArray();
        d[Normalize(index)] = value;
        return new Shape(d, true);
    }

    /// <summary>Returns the dimensions as <see cref="long"/>s with unknown sizes replaced by <paramref name="unknownAs"/>.</summary>
    public long[] ToLongArray(long unknownAs = -1) => Dims.Select(d => (long)(d ?? unknownAs)).ToArray();

    private int Normalize(int index)
    {
        var i = index < 0 ? index + Rank : index;
        if (i < 0 || i >= Rank)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Axis {index} is out of range for shape {this}.");
        }

        return i;
    }

    /// <summary>Formats the shape as Keras prints it, e.g. <c>(None, 26, 26, 32)</c> or <c>(784,)</c>.</summary>
    public override string ToString() => Format(Dims);

    internal static string Format(IReadOnlyList<int?> dims) => dims.Count == 1
        ? $"({dims[0]?.ToString() ?? "None"},)"
        : "(" + string.Join(", ", dims.Select(d => d?.ToString() ?? "None")) + ")";

    /// <inheritdoc/>
    public bool Equals(Shape other) => Dims.SequenceEqual(other.Dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in Dims)
        {
            h.Add(d);
        }

        return h.ToHashCode();
    }

    /// <summary>Compares two shapes dimension by dimension.</summary>
    public static bool operator ==(Shape a, Shape b) => a.Equals(b);

    /// <summary>Compares two shapes dimension by dimension.</summary>
    public static bool operator !=(Shape a, Shape b) => !a.Equals(b);

    /// <summary>A one-dimensional shape <c>(n,)</c>.</summary>
    public static implicit operator Shape(int n) => new(n);

    /// <summary>A shape from an array of sizes.</summary>
    public static implicit operator Shape(int[] dims) => new(dims.Select(d => (int?)d).ToArray());

    /// <summary>A shape from an array of sizes (TorchSharp uses <see cref="long"/>).</summary>
    public static implicit operator Shape(long[] dims) => new(dims.Select(d => (int?)checked((int)d)).ToArray());

    /// <summary>A shape from an array of sizes where <c>null</c> is unknown.</summary>
    public static implicit operator Shape(int?[] dims) => new(dims);

    /// <summary>A two-dimensional shape.</summary>
    public static implicit operator Shape((int, int) t) => new(t.Item1, t.Item2);

    /// <summary>A three-dimensional shape.</summary>
    public static implicit operator Shape((int, int, int) t) => new(t.Item1, t.Item2, t.Item3);

    /// <summary>A four-dimensional shape.</summary>
    public static implicit operator Shape((int, int, int, int) t) => new(t.Item1, t.Item2, t.Item3, t.Item4);

    /// <summary>A five-dimensional shape.</summary>
    public static implicit operator Shape((int, int, int, int, int) t) =>
        new(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5);
}
