namespace DeepKeras.Metrics;

/// <summary>Argument checks shared by the top-k metrics.</summary>
internal static class TopK
{
    internal static int Check(int k) => k > 0
        ? k
        : throw new ArgumentOutOfRangeException(nameof(k), k, $"Received an invalid value for `k`, expected a positive integer. Received: k={k}");
}
