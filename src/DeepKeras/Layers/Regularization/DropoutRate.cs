namespace DeepKeras.Layers;

/// <summary>Keras's check of a dropout <c>rate</c> argument: a float in [0, 1).</summary>
internal static class DropoutRate
{
    /// <summary>Returns <paramref name="rate"/> when it lies in [0, 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">It does not (or is NaN); the message names <c>rate</c>.</exception>
    public static double Check(double rate) => rate is >= 0 and < 1
        ? rate
        : throw new ArgumentOutOfRangeException(nameof(rate), rate,
            $"Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate={rate}");
}
