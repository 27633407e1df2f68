using System.Globalization;

namespace DeepKeras.Layers;

/// <summary>
/// A random-augmentation factor as Keras takes it: one number <c>f</c> (a symmetric range, e.g. ±f) or a pair
/// <c>(lower, upper)</c>. Converts implicitly from <see cref="double"/>, <c>(double, double)</c> and <c>double[]</c>.
/// </summary>
public readonly struct FactorArg : IEquatable<FactorArg>
{
    private FactorArg(double? single, double[]? pair)
    {
        Single = single;
        Pair = pair;
    }

    /// <summary>Gets the single number, or null when a pair was given.</summary>
    public double? Single { get; }

    /// <summary>Gets the pair as given (unsorted), or null when a single number was given.</summary>
    public IReadOnlyList<double>? Pair { get; }

    /// <summary>A single number.</summary>
    /// <param name="value">The factor.</param>
    public static implicit operator FactorArg(double value) => new(value, null);

    /// <summary>A pair <c>(lower, upper)</c>.</summary>
    /// <param name="pair">The bounds.</param>
    public static implicit operator FactorArg((double Lower, double Upper) pair) => new(null, [pair.Lower, pair.Upper]);

    /// <summary>A pair from an array; any other length is rejected by the layer that receives it.</summary>
    /// <param name="values">The values.</param>
    public static implicit operator FactorArg(double[] values) => new(null, values);

    /// <summary>The value as a config stores it: the number, or the list of values.</summary>
    internal object ToConfig() => Single is { } s ? s : Pair!.ToList();

    /// <inheritdoc/>
    public override string ToString() => Single is { } s
        ? Num(s)
        : "(" + string.Join(", ", (Pair ?? []).Select(Num)) + ")";

    /// <inheritdoc/>
    public bool Equals(FactorArg other) => Single == other.Single && (Pair ?? []).SequenceEqual(other.Pair ?? []);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FactorArg f && Equals(f);

    /// <inheritdoc/>
    public override int GetHashCode() => (Pair ?? []).Aggregate(Single?.GetHashCode() ?? 17, (h, x) => (h * 31) + x.GetHashCode());

    /// <summary>Whether two factors are equal.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    public static bool operator ==(FactorArg a, FactorArg b) => a.Equals(b);

    /// <summary>Whether two factors differ.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    public static bool operator !=(FactorArg a, FactorArg b) => !a.Equals(b);

    private static string Num(double x) => x.ToString(CultureInfo.InvariantCulture);
}
