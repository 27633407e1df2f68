namespace DeepKeras.Callbacks;

/// <summary>
/// When a checkpointing callback saves (Keras <c>save_freq</c>): <c>"epoch"</c> (at every epoch end) or a number of
/// batches. Converts implicitly from the string <c>"epoch"</c> and from an integer.
/// </summary>
public readonly struct SaveFrequency : IEquatable<SaveFrequency>
{
    private SaveFrequency(int? batches) => Batches = batches;

    /// <summary>Gets the save interval in batches, or null to save at every epoch end.</summary>
    public int? Batches { get; }

    /// <summary>Gets whether saving happens at epoch ends.</summary>
    public bool IsEpoch => Batches is null;

    /// <summary>Saves at every epoch end.</summary>
    public static SaveFrequency Epoch => default;

    /// <summary>Converts <c>"epoch"</c>.</summary>
    /// <exception cref="ArgumentException">Any other string.</exception>
    public static implicit operator SaveFrequency(string value) => value == "epoch"
        ? Epoch
        : throw new ArgumentException($"Unrecognized save_freq: {value}. Expected save_freq are 'epoch' or integer values", nameof(value));

    /// <summary>Saves every <paramref name="batches"/> batches.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static implicit operator SaveFrequency(int batches) => batches > 0
        ? new SaveFrequency(batches)
        : throw new ArgumentOutOfRangeException(nameof(batches), batches, $"Unrecognized save_freq: {batches}. Expected a positive number of batches or 'epoch'.");

    /// <inheritdoc/>
    public bool Equals(SaveFrequency other) => Batches == other.Batches;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SaveFrequency f && Equals(f);

    /// <inheritdoc/>
    public override int GetHashCode() => Batches.GetHashCode();

    /// <summary>Compares two frequencies.</summary>
    public static bool operator ==(SaveFrequency a, SaveFrequency b) => a.Equals(b);

    /// <summary>Compares two frequencies.</summary>
    public static bool operator !=(SaveFrequency a, SaveFrequency b) => !a.Equals(b);

    /// <inheritdoc/>
    public override string ToString() => Batches?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "epoch";

    /// <summary>Counts batches as Keras's <c>_should_save_on_batch</c> does.</summary>
    internal sealed class BatchCounter(int every)
    {
        private int _seenSinceSave;
        private int? _lastBatch;

        /// <summary>Records a finished batch; true when a save is due.</summary>
        public bool Step(int batch)
        {
            var added = _lastBatch is null || batch <= _lastBatch ? batch + 1 : batch - _lastBatch.Value;
            _seenSinceSave += added;
            _lastBatch = batch;
            if (_seenSinceSave >= every)
            {
                _seenSinceSave = 0;
                return true;
            }

            return false;
        }

        /// <summary>Gets the last batch seen.</summary>
        public int LastBatch => _lastBatch ?? 0;
    }
}
