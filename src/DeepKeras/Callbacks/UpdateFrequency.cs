using System.Globalization;

namespace DeepKeras.Callbacks;

/// <summary>
/// How often <see cref="TensorBoard"/> writes batch-level values (Keras <c>update_freq</c>): <c>"epoch"</c> (only
/// epoch summaries), <c>"batch"</c> (every batch, the same as 1) or every N batches. Converts implicitly from those
/// strings and from an integer.
/// </summary>
public readonly record struct UpdateFrequency
{
    private UpdateFrequency(int? batches) => Batches = batches;

    /// <summary>Gets the interval in batches, or null when only epoch summaries are written.</summary>
    public int? Batches { get; }

    /// <summary>Gets whether only epoch summaries are written.</summary>
    public bool IsEpoch => Batches is null;

    /// <summary>Only epoch summaries (the default).</summary>
    public static UpdateFrequency Epoch => default;

    /// <summary>Converts <c>"epoch"</c> or <c>"batch"</c>.</summary>
    /// <exception cref="ArgumentException">Any other string.</exception>
    public static implicit operator UpdateFrequency(string value) => value switch
    {
        "epoch" => Epoch,
        "batch" => new UpdateFrequency(1),
        _ => throw new ArgumentException(
            $"Unrecognized update_freq: '{value}'. Expected 'epoch', 'batch' or a positive number of batches.", nameof(value)),
    };

    /// <summary>Writes batch values every <paramref name="batches"/> batches.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static implicit operator UpdateFrequency(int batches) => batches > 0
        ? new UpdateFrequency(batches)
        : throw new ArgumentOutOfRangeException(nameof(batches), batches,
            $"Unrecognized update_freq: {batches}. Expected a positive number of batches, 'batch' or 'epoch'.");

    /// <inheritdoc/>
    public override string ToString() => Batches?.ToString(CultureInfo.InvariantCulture) ?? "epoch";
}
