namespace DeepKeras.Utils;

/// <summary>The argument checks of Keras's <c>timeseries_dataset_from_array</c>, with its messages.</summary>
internal static class TimeseriesChecks
{
    public static void Validate(int length, int sequenceLength, int sequenceStride, int samplingRate, int? batchSize, int? startIndex, int? endIndex)
    {
        if (length == 0)
        {
            throw new ArgumentException("Expected a non-empty `data` array. Received 0 time steps.", "data");
        }

        if (sequenceLength <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sequenceLength), sequenceLength,
                $"`sequence_length` must be higher than 0. Received: sequence_length={sequenceLength}");
        }

        // Keras tests `if start_index:` and `if end_index:`, so 0 counts as not given.
        if (startIndex is { } s and not 0)
        {
            if (s < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(startIndex), s, $"`start_index` must be 0 or greater. Received: start_index={s}");
            }

            if (s >= length)
            {
                throw new ArgumentOutOfRangeException(nameof(startIndex), s,
                    $"`start_index` must be lower than the length of the data. Received: start_index={s}, for data of length {length}");
            }
        }

        if (endIndex is { } e and not 0)
        {
            if (startIndex is { } s2 and not 0 && e <= s2)
            {
                throw new ArgumentOutOfRangeException(nameof(endIndex), e,
                    $"`end_index` must be higher than `start_index`. Received: start_index={s2}, and end_index={e}");
            }

            if (e >= length)
            {
                throw new ArgumentOutOfRangeException(nameof(endIndex), e,
                    $"`end_index` must be lower than the length of the data. Received: end_index={e}, for data of length {length}");
            }

            if (e <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(endIndex), e, $"`end_index` must be higher than 0. Received: end_index={e}");
            }
        }

        if (samplingRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(samplingRate), samplingRate,
                $"`sampling_rate` must be higher than 0. Received: sampling_rate={samplingRate}");
        }

        if (samplingRate >= length)
        {
            throw new ArgumentOutOfRangeException(nameof(samplingRate), samplingRate,
                $"`sampling_rate` must be lower than the length of the data. Received: sampling_rate={samplingRate}, for data of length {length}");
        }

        if (sequenceStride <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sequenceStride), sequenceStride,
                $"`sequence_stride` must be higher than 0. Received: sequence_stride={sequenceStride}");
        }

        if (sequenceStride >= length)
        {
            throw new ArgumentOutOfRangeException(nameof(sequenceStride), sequenceStride,
                $"`sequence_stride` must be lower than the length of the data. Received: sequence_stride={sequenceStride}, for data of length {length}");
        }

        if (batchSize is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize,
                $"`batch_size` must be a positive integer or null. Received: batch_size={batchSize}");
        }
    }
}
