namespace DeepKeras.Layers;

/// <summary>
/// One integer or a tuple of integers, as Keras accepts for <c>kernel_size</c>, <c>strides</c>, <c>pool_size</c>,
/// <c>dilation_rate</c> and <c>size</c>: <c>3</c> means 3 along every spatial axis, <c>(3, 5)</c> gives each axis its own.
/// </summary>
/// <remarks>Converts implicitly from <see cref="int"/>, tuples of 2 or 3 ints and <c>int[]</c>.</remarks>
public readonly struct IntTuple : IEquatable<IntTuple>
{
    private readonly int[]? _values;

    /// <summary>Creates a tuple from its values.</summary>
    /// <param name="values">The values (at least one).</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public IntTuple(params int[] values)
    {
        if (values.Length == 0)
        {
            throw new ArgumentException("An integer tuple needs at least one value. Received: ()", nameof(values));
        }

        _values = (int[])values.Clone();
    }

    /// <summary>Gets the values as given (one value stands for every axis).</summary>
    public IReadOnlyList<int> Values => _values ?? [];

    /// <summary>
    /// Expands to exactly <paramref name="n"/> values (Keras <c>standardize_tuple</c>) and checks each is at least
    /// <paramref name="min"/>.
    /// </summary>
    /// <param name="n">The number of spatial axes.</param>
    /// <param name="argName">The Keras argument name for messages, e.g. <c>kernel_size</c>.</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <exception cref="ArgumentException">The tuple has another length or a value below <paramref name="min"/>.</exception>
    internal int[] Standardize(int n, string argName, int min = 1)
    {
        var v = Values;
        if (v.Count != 1 && v.Count != n)
        {
            throw new ArgumentException(
                $"The `{argName}` argument must be a tuple of {n} integers. Received {argName}={this}", argName);
        }

        var result = v.Count == 1 ? Enumerable.Repeat(v[0], n).ToArray() : v.ToArray();
        if (result.Any(x => x < min))
        {
            var what = min == 0 ? "non-negative" : "positive";
            throw new ArgumentException(
                $"The `{argName}` argument must be a tuple of {n} {what} integers. Received {argName}={this}", argName);
        }

        return result;
    }

    /// <summary>Formats the tuple as Python prints it: <c>3</c>, <c>(3, 3)</c>.</summary>
    public override string ToString() => Values.Count == 1 ? $"{Values[0]}" : $"({string.Join(", ", Values)})";

    /// <inheritdoc/>
    public bool Equals(IntTuple other) => Values.SequenceEqual(other.Values);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IntTuple t && Equals(t);

    /// <inheritdoc/>
    public override int GetHashCode() => Values.Aggregate(17, (h, x) => (h * 31) + x);

    /// <summary>Compares two tuples value by value.</summary>
    public static bool operator ==(IntTuple a, IntTuple b) => a.Equals(b);

    /// <summary>Compares two tuples value by value.</summary>
    public static bool operator !=(IntTuple a, IntTuple b) => !a.Equals(b);

    /// <summary>The same value along every axis.</summary>
    public static implicit operator IntTuple(int value) => new(value);

    /// <summary>One value per axis of a 2-D layer.</summary>
    public static implicit operator IntTuple((int, int) t) => new(t.Item1, t.Item2);

    /// <summary>One value per axis of a 3-D layer.</summary>
    public static implicit operator IntTuple((int, int, int) t) => new(t.Item1, t.Item2, t.Item3);

    /// <summary>One value per axis.</summary>
    public static implicit operator IntTuple(int[] values) => new(values);
}
