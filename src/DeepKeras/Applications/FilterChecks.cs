namespace DeepKeras;

public static partial class Applications
{
    /// <summary>
    /// Checks the filter counts of a convolutional autoencoder, VAE or GAN: at least one, all positive.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">None is given, or one is not positive (the message shows them all).</exception>
    private static void CheckFilters(IReadOnlyList<int> filters)
    {
        if (filters.Count == 0 || filters.Any(f => f <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(filters), filters.Count == 0 ? 0 : filters.First(f => f <= 0),
                $"Expected one or more positive filter counts. Received: filters=[{string.Join(", ", filters)}]");
        }
    }
}
