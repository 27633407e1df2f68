using System.Globalization;

namespace DeepKeras.Training;

/// <summary>
/// The <c>verbose</c> argument of <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c>, as Keras takes it: <c>"auto"</c>
/// (the default), <c>0</c> (silent), <c>1</c> (progress bar) or <c>2</c> (one line per epoch or run). Ints and the
/// string convert implicitly, so <c>verbose: 2</c> and <c>verbose: "auto"</c> both read as in Keras.
/// </summary>
public readonly struct Verbosity : IEquatable<Verbosity>
{
    // 0 is "auto", so that default(Verbosity) is Keras's default; levels 0–2 are stored as 1–3.
    private readonly int _code;

    private Verbosity(int code) => _code = code;

    /// <summary>Gets <c>"auto"</c>: a progress bar (1), as Keras chooses off TPUs.</summary>
    public static Verbosity Auto => default;

    /// <summary>Gets whether this is <c>"auto"</c>.</summary>
    public bool IsAuto => _code == 0;

    /// <summary>Gets the level used: 0, 1 or 2 (<c>"auto"</c> is 1).</summary>
    public int Level => IsAuto ? 1 : _code - 1;

    /// <summary>Converts a level.</summary>
    /// <param name="level">0 silent, 1 progress bar, 2 one line.</param>
    /// <exception cref="ArgumentOutOfRangeException">The level is not 0, 1 or 2.</exception>
    public static implicit operator Verbosity(int level) => level is >= 0 and <= 2
        ? new Verbosity(level + 1)
        : throw new ArgumentOutOfRangeException("verbose", level, Expected);

    /// <summary>Converts <c>"auto"</c> (or a level written as text, <c>"0"</c>–<c>"2"</c>).</summary>
    /// <param name="value">The text.</param>
    /// <exception cref="ArgumentException">Any other text.</exception>
    public static implicit operator Verbosity(string value) => value switch
    {
        "auto" => Auto,
        "0" or "1" or "2" => int.Parse(value, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"{Expected} Received: verbose={value}", "verbose"),
    };

    /// <summary>Whether two values are the same setting.</summary>
    public static bool operator ==(Verbosity left, Verbosity right) => left.Equals(right);

    /// <summary>Whether two values differ.</summary>
    public static bool operator !=(Verbosity left, Verbosity right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(Verbosity other) => _code == other._code;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Verbosity v && Equals(v);

    /// <inheritdoc/>
    public override int GetHashCode() => _code;

    /// <summary>Returns <c>auto</c> or the level.</summary>
    public override string ToString() => IsAuto ? "auto" : Level.ToString(CultureInfo.InvariantCulture);

    private const string Expected = "Expected `verbose` to be \"auto\", 0 (silent), 1 (progress bar) or 2 (one line per epoch).";
}
