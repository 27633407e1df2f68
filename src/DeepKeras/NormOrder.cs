using System.Globalization;

namespace DeepKeras;

/// <summary>
/// The <c>ord</c> argument of <see cref="Keras.Ops.Norm"/>: a number (<c>1</c>, <c>2</c>, <c>3</c>,
/// <c>double.PositiveInfinity</c>, …) or a matrix norm name (<c>"fro"</c>, <c>"nuc"</c>); both convert implicitly.
/// </summary>
public readonly struct NormOrder : IEquatable<NormOrder>
{
    private NormOrder(double? number, string? name) => (Number, Name) = (number, name);

    /// <summary>Gets the numeric order, or null for a named one.</summary>
    public double? Number { get; }

    /// <summary>Gets the name (<c>"fro"</c> or <c>"nuc"</c>), or null for a numeric order.</summary>
    public string? Name { get; }

    /// <summary>A numeric order.</summary>
    public static implicit operator NormOrder(double ord) => new(ord, null);

    /// <summary>A named order: <c>"fro"</c> or <c>"nuc"</c>.</summary>
    public static implicit operator NormOrder(string ord) => new(null, ord);

    /// <summary>Formats the order as Keras prints it (<c>2</c>, <c>inf</c>, <c>fro</c>).</summary>
    public override string ToString() => Name ?? (double.IsInfinity(Number!.Value)
        ? (Number > 0 ? "inf" : "-inf")
        : Number.Value.ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc/>
    public bool Equals(NormOrder other) => Number == other.Number && Name == other.Name;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NormOrder o && Equals(o);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Number, Name);

    /// <summary>Compares two orders.</summary>
    public static bool operator ==(NormOrder a, NormOrder b) => a.Equals(b);

    /// <summary>Compares two orders.</summary>
    public static bool operator !=(NormOrder a, NormOrder b) => !a.Equals(b);
}
