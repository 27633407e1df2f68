namespace DeepKeras;

/// <summary>
/// One axis or several axes of a tensor, as the <c>axis</c> argument of Keras's ops takes them: <c>axis: 1</c>,
/// <c>axis: -1</c> (counted from the end), <c>axis: (1, 2)</c> or <c>axis: new[] { 0, 2 }</c>. A <c>null</c>
/// <see cref="Axis"/>? means every axis.
/// </summary>
/// <example><code>
/// var perSample = Keras.Ops.Sum(Keras.Ops.Square(x), axis: (1, 2));
/// var columns = Keras.Ops.Mean(x, axis: 0, keepdims: true);
/// </code></example>
public readonly struct Axis : IEquatable<Axis>
{
    private readonly int[]? _axes;

    /// <summary>Creates an axis list.</summary>
    /// <param name="axes">The axes; negative values count from the end.</param>
    public Axis(params int[] axes) => _axes = (int[])axes.Clone();

    /// <summary>Gets the axes as given (negative values not yet resolved).</summary>
    public IReadOnlyList<int> Values => _axes ?? [];

    /// <summary>Gets the number of axes.</summary>
    public int Count => Values.Count;

    /// <summary>One axis.</summary>
    public static implicit operator Axis(int axis) => new(axis);

    /// <summary>Several axes.</summary>
    public static implicit operator Axis(int[] axes) => new(axes);

    /// <summary>Two axes.</summary>
    public static implicit operator Axis((int, int) axes) => new(axes.Item1, axes.Item2);

    /// <summary>Three axes.</summary>
    public static implicit operator Axis((int, int, int) axes) => new(axes.Item1, axes.Item2, axes.Item3);

    /// <summary>Four axes.</summary>
    public static implicit operator Axis((int, int, int, int) axes) => new(axes.Item1, axes.Item2, axes.Item3, axes.Item4);

    /// <summary>Formats the axes as Keras prints an <c>axis</c> argument: <c>1</c> or <c>(1, 2)</c>.</summary>
    public override string ToString() =>
        Count == 1 ? Values[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : "(" + string.Join(", ", Values) + ")";

    /// <inheritdoc/>
    public bool Equals(Axis other) => Values.SequenceEqual(other.Values);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Axis a && Equals(a);

    /// <inheritdoc/>
    public override int GetHashCode() => Values.Aggregate(17, (h, v) => h * 31 + v);

    /// <summary>Compares two axis lists.</summary>
    public static bool operator ==(Axis a, Axis b) => a.Equals(b);

    /// <summary>Compares two axis lists.</summary>
    public static bool operator !=(Axis a, Axis b) => !a.Equals(b);
}
